import { Injectable } from '@nestjs/common';
import type { CaseRoutedV1 } from '@civitas/contracts';
import type { Transaction } from '@civitas/messaging';
import { CaseRepository, CaseNotYetOpenedError } from '../../../cases/index.js';
import { TimelineKind, TimelineRepository } from '../../../timeline/index.js';

/**
 * Records routing's decisions on a batch of imported cases in one update: department, queue,
 * priority, due time and district, as `RecordRoutingUseCase` does for one live case. Their status
 * stays the one they had in the legacy system (a NEW one becomes OPEN, as live cases do when
 * routed). The district routing found is kept beside the one the legacy record named (in its
 * attributes), which `Case.district` prefers.
 */
@Injectable()
export class RecordHistoryRoutingUseCase {
  constructor(
    private readonly cases: CaseRepository,
    private readonly timeline: TimelineRepository,
  ) {}

  async execute(routed: CaseRoutedV1[], tx: Transaction): Promise<void> {
    const updated = await this.cases.recordHistoryRouting(tx, routed);
    const statusOf = new Map(updated.map((r) => [r.id, r.status]));
    if (updated.length < routed.length) {
      // Cannot happen in order (routing reacts to history-opened); retried if it ever does.
      const found = new Set(statusOf.keys());
      const missing = routed.filter((r) => !found.has(r.caseId)).map((r) => r.caseId);
      throw new CaseNotYetOpenedError(`cases ${missing.slice(0, 5).join(', ')} not found`);
    }
    await this.timeline.appendMany(
      tx,
      routed.map((r) => ({
        caseId: r.caseId,
        kind: TimelineKind.Routed,
        summary: `Assigned to ${r.departmentCode} with priority ${r.priority}`,
        caseStatus: statusOf.get(r.caseId)!,
        at: new Date(r.routedAt),
      })),
    );
  }
}
