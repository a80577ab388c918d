import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PiiAccessAuditEntity, type PiiAccessOutcome } from './pii-access-audit.entity.js';

export interface PiiAccessRecord {
  actorSub: string | null;
  actorRoles: string[];
  citizenId: string;
  fields: string[];
  purpose: string | null;
  outcome: PiiAccessOutcome;
}

@Injectable()
export class PiiAccessAuditRepository {
  constructor(private readonly dataSource: DataSource) {}

  async append(record: PiiAccessRecord): Promise<void> {
    await this.dataSource.manager.insert(PiiAccessAuditEntity, { id: randomUUID(), ...record });
  }

  forCitizen(citizenId: string): Promise<PiiAccessAuditEntity[]> {
    return this.dataSource.manager.find(PiiAccessAuditEntity, {
      where: { citizenId },
      order: { at: 'ASC' },
    });
  }
}
