import { Injectable } from '@nestjs/common';
import { TransactionalRepository, type Transaction } from '@civitas/messaging';
import { CitizenMergeEntity } from './citizen-merge.entity.js';

/** The merges staff made and undid (docs/adr/0027). */
@Injectable()
export class CitizenMergeRepository extends TransactionalRepository {
  async record(tx: Transaction, merge: CitizenMergeEntity): Promise<void> {
    await this.managerOf(tx).insert(CitizenMergeEntity, merge);
  }

  /** The merge, locked until the transaction ends, so two undos do not cross. */
  lockById(tx: Transaction, id: string): Promise<CitizenMergeEntity | null> {
    return this.managerOf(tx)
      .createQueryBuilder(CitizenMergeEntity, 'm')
      .setLock('pessimistic_write')
      .where({ id })
      .getOne();
  }

  async recordUndone(tx: Transaction, id: string, by: string, at: Date): Promise<void> {
    await this.managerOf(tx).update(CitizenMergeEntity, { id }, { unmergedAt: at, unmergedBy: by });
  }
}
