import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PiiAccessAuditEntity, type PiiAccessOutcome } from './pii-access-audit.entity.js';

export interface PiiAccessRecord {
  actorSub: string | null;
  actorRoles: string[];
  /** Null only for folded anonymous refusals concerning several residents. */
  citizenId: string | null;
  fields: string[];
  purpose: string | null;
  outcome: PiiAccessOutcome;
  /** Folded refusals: when the first happened (default now), the last, and how many. */
  at?: Date;
  lastAt?: Date | null;
  occurrences?: number;
}

@Injectable()
export class PiiAccessAuditRepository {
  constructor(private readonly dataSource: DataSource) {}

  async append(record: PiiAccessRecord): Promise<void> {
    await this.dataSource.manager.insert(PiiAccessAuditEntity, { id: randomUUID(), ...record });
  }

  /** Newest first, for admins reviewing who read what. */
  search(filter: {
    citizenId?: string;
    actorSub?: string;
    since?: Date;
    limit: number;
  }): Promise<PiiAccessAuditEntity[]> {
    const query = this.dataSource.manager
      .createQueryBuilder(PiiAccessAuditEntity, 'a')
      .orderBy('a.at', 'DESC')
      .addOrderBy('a.id', 'DESC')
      .limit(filter.limit);
    if (filter.citizenId) {
      query.andWhere('a.citizen_id = :citizenId', { citizenId: filter.citizenId });
    }
    if (filter.actorSub) {
      query.andWhere('a.actor_sub = :actorSub', { actorSub: filter.actorSub });
    }
    if (filter.since) {
      query.andWhere('a.at >= :since', { since: filter.since });
    }
    return query.getMany();
  }

  forCitizen(citizenId: string): Promise<PiiAccessAuditEntity[]> {
    return this.dataSource.manager.find(PiiAccessAuditEntity, {
      where: { citizenId },
      order: { at: 'ASC' },
    });
  }
}
