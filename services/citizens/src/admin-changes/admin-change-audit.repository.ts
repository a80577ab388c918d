import { Injectable } from '@nestjs/common';
import { TransactionalRepository, type Transaction } from '@civitas/messaging';
import { DataSource } from 'typeorm';
import { AdminChangeAuditEntity } from './admin-change.entity.js';

export type AdminChangeEntry = Omit<AdminChangeAuditEntity, 'recordedAt'>;

/** The only writer of `admin_change_audit`, and its reader for admins. */
@Injectable()
export class AdminChangeAuditRepository extends TransactionalRepository {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  /** In the consumer's transaction; the entry's id is its event's, so a repeat adds nothing. */
  async append(tx: Transaction, entry: AdminChangeEntry): Promise<void> {
    await this.managerOf(tx)
      .createQueryBuilder()
      .insert()
      .into(AdminChangeAuditEntity)
      .values(entry)
      .orIgnore()
      .execute();
  }

  /** Newest first. */
  search(filter: {
    kind?: string;
    actorSub?: string;
    since?: Date;
    limit: number;
  }): Promise<AdminChangeAuditEntity[]> {
    const query = this.dataSource.manager
      .createQueryBuilder(AdminChangeAuditEntity, 'c')
      .orderBy('c.at', 'DESC')
      .addOrderBy('c.id', 'DESC')
      .limit(filter.limit);
    if (filter.kind) {
      query.andWhere('c.kind = :kind', { kind: filter.kind });
    }
    if (filter.actorSub) {
      query.andWhere('c.actor_sub = :actorSub', { actorSub: filter.actorSub });
    }
    if (filter.since) {
      query.andWhere('c.at >= :since', { since: filter.since });
    }
    return query.getMany();
  }
}
