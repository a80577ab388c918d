import { Injectable } from '@nestjs/common';
import { TransactionalRepository, type Transaction } from '@civitas/messaging';
import { PossibleMatchEntity } from './possible-match.entity.js';

/** Staff's answers to possible matches (docs/adr/0027); identity resolution records them. */
@Injectable()
export class PossibleMatchRepository extends TransactionalRepository {
  /** The possible match, locked until the transaction ends, so two answers do not cross. */
  lockById(tx: Transaction, id: string): Promise<PossibleMatchEntity | null> {
    return this.managerOf(tx)
      .createQueryBuilder(PossibleMatchEntity, 'p')
      .setLock('pessimistic_write')
      .where({ id })
      .getOne();
  }

  async reject(tx: Transaction, id: string, by: string, at: Date): Promise<void> {
    await this.managerOf(tx).update(
      PossibleMatchEntity,
      { id },
      { status: 'REJECTED', resolvedAt: at, resolvedBy: by },
    );
  }

  async byId(tx: Transaction, id: string): Promise<PossibleMatchEntity> {
    return (await this.managerOf(tx).findOneBy(PossibleMatchEntity, { id }))!;
  }
}
