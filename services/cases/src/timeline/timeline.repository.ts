import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { CaseStatus } from '@civitas/contracts';
import { TransactionalRepository, type Transaction } from '@civitas/messaging';
import { insertMany } from '@civitas/persistence';
import { DataSource, In } from 'typeorm';
import { TimelineEntryEntity, TimelineKind, Visibility } from './timeline-entry.entity.js';

@Injectable()
export class TimelineRepository extends TransactionalRepository {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async append(
    tx: Transaction,
    entry: {
      caseId: string;
      kind: TimelineKind;
      summary: string;
      /** The case's status once this entry is made (after the change it records, if any). */
      caseStatus: CaseStatus;
      at?: Date;
      visibility?: Visibility;
      /** The staff member who wrote it; omitted for what the system records. */
      author?: string | null;
    },
  ): Promise<TimelineEntryEntity> {
    const manager = this.managerOf(tx);
    const entity = manager.create(TimelineEntryEntity, {
      id: randomUUID(),
      caseId: entry.caseId,
      kind: entry.kind,
      summary: entry.summary,
      caseStatus: entry.caseStatus,
      at: entry.at ?? new Date(),
      visibility: entry.visibility ?? Visibility.Public,
      author: entry.author ?? null,
    });
    await manager.insert(TimelineEntryEntity, entity);
    return entity;
  }

  /** What the system records on many cases at once (imported history), in one insert. */
  async appendMany(
    tx: Transaction,
    entries: readonly {
      caseId: string;
      kind: TimelineKind;
      summary: string;
      caseStatus: CaseStatus;
      at?: Date;
    }[],
  ): Promise<void> {
    if (entries.length === 0) {
      return;
    }
    const now = new Date();
    await insertMany(
      this.managerOf(tx),
      TimelineEntryEntity,
      entries.map((entry) => ({
        id: randomUUID(),
        caseId: entry.caseId,
        kind: entry.kind,
        summary: entry.summary,
        caseStatus: entry.caseStatus,
        at: entry.at ?? now,
        visibility: Visibility.Public,
        author: null,
      })),
    );
  }

  /** The entries of logged contacts get `summary` instead of what was said (erasure). */
  async replaceInteractionSummaries(
    tx: Transaction,
    contacts: readonly { caseId: string; at: Date }[],
    summary: string,
  ): Promise<void> {
    const manager = this.managerOf(tx);
    for (const contact of contacts) {
      await manager.update(
        TimelineEntryEntity,
        { caseId: contact.caseId, kind: TimelineKind.Interaction, at: contact.at },
        { summary },
      );
    }
  }

  forCase(caseId: string, visibilities: Visibility[]): Promise<TimelineEntryEntity[]> {
    return this.dataSource.getRepository(TimelineEntryEntity).find({
      where: { caseId, visibility: In(visibilities) },
      order: { at: 'ASC' },
    });
  }
}
