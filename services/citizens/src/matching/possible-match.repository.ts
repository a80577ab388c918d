import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { TransactionalRepository, type Transaction } from '@civitas/messaging';
import { PossibleMatchEntity } from './possible-match.entity.js';

/**
 * Possible matches (docs/adr/0027): identity resolution records them, staff answer them, a merge
 * or unmerge of the pair settles them.
 */
@Injectable()
export class PossibleMatchRepository extends TransactionalRepository {
  /** A new resident who may be `candidateId`, for staff to review. */
  async recordPending(
    tx: Transaction,
    match: { citizenId: string; candidateId: string; score: number },
  ): Promise<void> {
    await this.managerOf(tx).insert(PossibleMatchEntity, {
      id: randomUUID(),
      ...match,
      status: 'PENDING',
    });
  }

  /** A merge of the pair (either way round) accepts a pending review of it. */
  async acceptByMerge(
    tx: Transaction,
    merge: { id: string; survivorId: string; mergedId: string; mergedBy: string; mergedAt: Date },
  ): Promise<void> {
    await this.managerOf(tx)
      .createQueryBuilder()
      .update(PossibleMatchEntity)
      .set({
        status: 'ACCEPTED',
        resolvedAt: merge.mergedAt,
        resolvedBy: merge.mergedBy,
        mergeId: merge.id,
      })
      .where('status = :pending', { pending: 'PENDING' })
      .andWhere(
        '((citizen_id = :a AND candidate_id = :b) OR (citizen_id = :b AND candidate_id = :a))',
        { a: merge.survivorId, b: merge.mergedId },
      )
      .execute();
  }

  /** Undoing a merge makes the review that led to it a rejection: staff decided they are two. */
  async rejectByUnmerge(tx: Transaction, mergeId: string, by: string, at: Date): Promise<void> {
    await this.managerOf(tx).update(
      PossibleMatchEntity,
      { mergeId },
      { status: 'REJECTED', resolvedAt: at, resolvedBy: by },
    );
  }

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
