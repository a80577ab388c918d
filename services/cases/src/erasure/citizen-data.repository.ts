import { Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import { CaseEntity } from '../cases/case.entity.js';
import { InteractionEntity } from '../interactions/interaction.entity.js';
import {
  TimelineEntryEntity,
  TimelineKind,
  Visibility,
} from '../timeline/timeline-entry.entity.js';

/** What replaces the summary of a contact with an erased resident (the contact itself is kept). */
export const ERASED_SUMMARY = 'Contact with the resident (details removed: personal data erased)';

@Injectable()
export class CitizenDataRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The resident's cases with their public timeline, oldest first (for their own download). */
  async casesOf(citizenId: string): Promise<Record<string, unknown>[]> {
    const manager = this.dataSource.manager;
    const cases = await manager.find(CaseEntity, {
      where: { reporterId: citizenId },
      order: { openedAt: 'ASC', id: 'ASC' },
    });
    if (cases.length === 0) {
      return [];
    }
    const entries = await manager.find(TimelineEntryEntity, {
      where: { caseId: In(cases.map((c) => c.id)), visibility: Visibility.Public },
      order: { at: 'ASC', id: 'ASC' },
    });
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
    }));
  }

  /**
   * Forgets who the resident was in cases: their cases no longer name them, and the contacts
   * staff logged with them lose their summary (here and on the timeline). Counts are unchanged.
   */
  async erase(
    manager: EntityManager,
    citizenId: string,
  ): Promise<{ cases: number; contacts: number }> {
    const cases = await manager.update(CaseEntity, { reporterId: citizenId }, { reporterId: null });
    const contacts = await manager.find(InteractionEntity, {
      where: { citizenId },
      select: { id: true, caseId: true, at: true },
    });
    for (const contact of contacts) {
      await manager.update(
        TimelineEntryEntity,
        { caseId: contact.caseId, kind: TimelineKind.Interaction, at: contact.at },
        { summary: ERASED_SUMMARY },
      );
    }
    if (contacts.length > 0) {
      await manager.update(
        InteractionEntity,
        { id: In(contacts.map((c) => c.id)) },
        { citizenId: null, summary: ERASED_SUMMARY },
      );
    }
    return { cases: cases.affected ?? 0, contacts: contacts.length };
  }
}
