import { Injectable } from '@nestjs/common';
import { TransactionalRepository, type Transaction } from '@civitas/messaging';
import { insertMany } from '@civitas/persistence';
import { CaseRoutingEntity } from './case-routing.entity.js';

/** The one writer of routing decisions (docs/adr/0027): one per case, never changed. */
@Injectable()
export class CaseRoutingRepository extends TransactionalRepository {
  byCase(tx: Transaction, caseId: string): Promise<CaseRoutingEntity | null> {
    return this.managerOf(tx).findOneBy(CaseRoutingEntity, { caseId });
  }

  async record(tx: Transaction, decision: CaseRoutingEntity): Promise<void> {
    await this.managerOf(tx).insert(CaseRoutingEntity, decision);
  }

  /** Records many decisions in one insert; returns the cases routed now (not before). */
  async recordMany(tx: Transaction, decisions: readonly CaseRoutingEntity[]): Promise<Set<string>> {
    const inserted = await insertMany(this.managerOf(tx), CaseRoutingEntity, decisions, {
      skipConflicts: true,
      returning: 'case_id',
    });
    return new Set(inserted.map((r) => r.case_id as string));
  }
}
