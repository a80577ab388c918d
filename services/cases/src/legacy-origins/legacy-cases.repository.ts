import { Injectable } from '@nestjs/common';
import { CaseStatus, type LegacyOrigin } from '@civitas/contracts';
import { TransactionalRepository, type Transaction } from '@civitas/messaging';
import { insertMany } from '@civitas/persistence';
import { DataSource, In } from 'typeorm';
import { TimelineKind, TimelineRepository } from '../timeline/index.js';
import { CaseLegacyOriginEntity } from './case-legacy-origin.entity.js';

/** What opening a case from imported history adds: its origin, and its closure on the timeline. */
@Injectable()
export class LegacyCasesRepository extends TransactionalRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly timeline: TimelineRepository,
  ) {
    super();
  }

  async recordOrigin(tx: Transaction, caseId: string, legacy: LegacyOrigin): Promise<void> {
    await this.recordOrigins(tx, [{ caseId, legacy }]);
  }

  /** Origins of many imported cases, and the closure of those closed, in two inserts. */
  async recordOrigins(
    tx: Transaction,
    cases: readonly { caseId: string; legacy: LegacyOrigin }[],
  ): Promise<void> {
    if (cases.length === 0) {
      return;
    }
    await insertMany(
      this.managerOf(tx),
      CaseLegacyOriginEntity,
      cases.map(({ caseId, legacy }) => ({
        caseId,
        sourceSystem: legacy.sourceSystem,
        sourceId: legacy.sourceId,
        sourceStatus: legacy.status,
        agency: legacy.agency ?? null,
        category: legacy.category ?? null,
      })),
    );
    const closures = cases
      .filter(({ legacy }) => legacy.status === CaseStatus.CLOSED)
      .map(({ caseId, legacy }) => ({
        caseId,
        kind: TimelineKind.StatusChanged,
        summary: `Closed in ${legacy.sourceSystem} (imported history)`,
        caseStatus: CaseStatus.CLOSED,
        at: legacy.closedAt ? new Date(legacy.closedAt) : undefined,
      }));
    await this.timeline.appendMany(tx, closures);
  }

  async originsOf(caseIds: readonly string[]): Promise<Map<string, CaseLegacyOriginEntity>> {
    const rows = await this.dataSource
      .getRepository(CaseLegacyOriginEntity)
      .findBy({ caseId: In([...caseIds]) });
    return new Map(rows.map((r) => [r.caseId, r]));
  }
}
