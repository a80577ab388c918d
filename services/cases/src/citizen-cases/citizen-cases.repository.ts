import { Injectable } from '@nestjs/common';
import {
  TransactionalRepository,
  type MergeRepointing,
  type Transaction,
} from '@civitas/messaging';
import { CaseRepository } from '../cases/index.js';
import { CaseRepointEntity } from './case-repoint.entity.js';

/**
 * Keeps a resident's cases on the right resident through merges and unmerges: the re-pointing
 * records are written here, the cases' reporter by `CaseRepository`, in the same transaction.
 */
@Injectable()
export class CitizenCasesRepository extends TransactionalRepository implements MergeRepointing {
  constructor(private readonly cases: CaseRepository) {
    super();
  }

  /** Moves every case of `fromId` to `toId`, remembering each under the merge. */
  async repoint(tx: Transaction, mergeId: string, fromId: string, toId: string): Promise<number> {
    const moved = await this.cases.moveReporter(tx, fromId, toId);
    if (moved.length === 0) {
      return 0;
    }
    await this.managerOf(tx)
      .createQueryBuilder()
      .insert()
      .into(CaseRepointEntity)
      .values(
        moved.map((caseId) => ({ mergeId, caseId, fromCitizenId: fromId, toCitizenId: toId })),
      )
      .orIgnore()
      .execute();
    return moved.length;
  }

  /** Puts back what a merge moved (cases still on the survivor; one re-pointed since stays where it is). */
  async restore(tx: Transaction, mergeId: string): Promise<number> {
    const manager = this.managerOf(tx);
    const moved = await manager.find(CaseRepointEntity, { where: { mergeId } });
    for (const row of moved) {
      await this.cases.restoreReporter(tx, row);
    }
    await manager.delete(CaseRepointEntity, { mergeId });
    return moved.length;
  }
}
