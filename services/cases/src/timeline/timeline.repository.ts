import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { insertMany } from '@civitas/persistence';
import { DataSource, In, type EntityManager } from 'typeorm';
import { TimelineEntryEntity, type TimelineKind, Visibility } from './timeline-entry.entity.js';

@Injectable()
export class TimelineRepository {
  constructor(private readonly dataSource: DataSource) {}

  async append(
    manager: EntityManager,
    entry: {
      caseId: string;
      kind: TimelineKind;
      summary: string;
      at?: Date;
      visibility?: Visibility;
      /** The staff member who wrote it; omitted for what the system records. */
      author?: string | null;
    },
  ): Promise<TimelineEntryEntity> {
    const entity = manager.create(TimelineEntryEntity, {
      id: randomUUID(),
      caseId: entry.caseId,
      kind: entry.kind,
      summary: entry.summary,
      at: entry.at ?? new Date(),
      visibility: entry.visibility ?? Visibility.Public,
      author: entry.author ?? null,
    });
    await manager.insert(TimelineEntryEntity, entity);
    return entity;
  }

  /** What the system records on many cases at once (imported history), in one insert. */
  async appendMany(
    manager: EntityManager,
    entries: readonly { caseId: string; kind: TimelineKind; summary: string; at?: Date }[],
  ): Promise<void> {
    if (entries.length === 0) {
      return;
    }
    const now = new Date();
    await insertMany(
      manager,
      TimelineEntryEntity,
      entries.map((entry) => ({
        id: randomUUID(),
        caseId: entry.caseId,
        kind: entry.kind,
        summary: entry.summary,
        at: entry.at ?? now,
        visibility: Visibility.Public,
        author: null,
      })),
    );
  }

  forCase(caseId: string, visibilities: Visibility[]): Promise<TimelineEntryEntity[]> {
    return this.dataSource.getRepository(TimelineEntryEntity).find({
      where: { caseId, visibility: In(visibilities) },
      order: { at: 'ASC' },
    });
  }
}
