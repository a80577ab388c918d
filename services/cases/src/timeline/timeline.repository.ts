import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
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
    },
  ): Promise<void> {
    await manager.insert(TimelineEntryEntity, {
      id: randomUUID(),
      caseId: entry.caseId,
      kind: entry.kind,
      summary: entry.summary,
      at: entry.at ?? new Date(),
      visibility: entry.visibility ?? Visibility.Public,
    });
  }

  forCase(caseId: string, visibilities: Visibility[]): Promise<TimelineEntryEntity[]> {
    return this.dataSource.getRepository(TimelineEntryEntity).find({
      where: { caseId, visibility: In(visibilities) },
      order: { at: 'ASC' },
    });
  }
}
