import { Injectable } from '@nestjs/common';
import type { Transaction } from '@civitas/messaging';
import { DataSource, In } from 'typeorm';
import { CaseReadScope, CaseRepository } from '../cases/index.js';
import { InteractionRepository } from '../interactions/index.js';
import { SatisfactionRepository } from '../satisfaction/index.js';
import { TimelineEntryEntity, Visibility, TimelineRepository } from '../timeline/index.js';

/**
 * A resident's own download lists all their cases, private ones too: citizens asks for the
 * resident it has identified, and a private case is kept from others, not from its reporter.
 */
const ownData = CaseReadScope.ALL;

/** What replaces the summary of a contact with an erased resident (the contact itself is kept). */
export const ERASED_SUMMARY = 'Contact with the resident (details removed: personal data erased)';

/**
 * A resident's data in cases: gathered for their download, forgotten on erasure. Each table is
 * written by its own repository, in the erasure's transaction.
 */
@Injectable()
export class CitizenDataRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cases: CaseRepository,
    private readonly interactions: InteractionRepository,
    private readonly timeline: TimelineRepository,
    private readonly satisfaction: SatisfactionRepository,
  ) {}

  /**
   * The resident's cases with their public timeline and their answers to the closure survey,
   * oldest first (for their own download).
   */
  async casesOf(citizenId: string): Promise<Record<string, unknown>[]> {
    const cases = await this.cases.reportedBy(citizenId, ownData, { order: 'OLDEST_FIRST' });
    if (cases.length === 0) {
      return [];
    }
    const ids = cases.map((c) => c.id);
    const entries = await this.dataSource.manager.find(TimelineEntryEntity, {
      where: { caseId: In(ids), visibility: Visibility.Public },
      order: { at: 'ASC', id: 'ASC' },
    });
    const answers = await this.satisfaction.answersFor(ids);
    return cases.map((c) => ({
      ticketNumber: c.ticketNumber,
      serviceCode: c.serviceCode,
      channel: c.channel,
      status: c.status,
      description: c.description,
      address: c.address,
      latitude: c.latitude,
      longitude: c.longitude,
      attributes: c.attributes,
      openedAt: c.openedAt.toISOString(),
      closedAt: c.closedAt?.toISOString() ?? null,
      timeline: entries
        .filter((e) => e.caseId === c.id)
        .map((e) => ({ at: e.at.toISOString(), kind: e.kind, summary: e.summary })),
      satisfaction: answers
        .filter((a) => a.caseId === c.id)
        .map((a) => ({ at: a.answeredAt.toISOString(), score: a.score, comment: a.comment })),
    }));
  }

  /**
   * Forgets who the resident was in cases: their cases no longer name them, and the contacts
   * staff logged with them lose their summary (here and on the timeline), and their survey
   * comments go (the scores stay). Counts are unchanged.
   */
  async erase(tx: Transaction, citizenId: string): Promise<{ cases: number; contacts: number }> {
    await this.satisfaction.forgetCommentsOfReporter(tx, citizenId);
    const cases = await this.cases.forgetReporter(tx, citizenId);
    const contacts = await this.interactions.forgetCitizen(tx, citizenId, ERASED_SUMMARY);
    await this.timeline.replaceInteractionSummaries(tx, contacts, ERASED_SUMMARY);
    return { cases, contacts: contacts.length };
  }
}
