import { Injectable } from '@nestjs/common';
import {
  AssignmentReason,
  CaseStatus,
  QueueAssignment,
  type CaseRoutedV1,
} from '@civitas/contracts';
import type { Transaction } from '@civitas/messaging';
import { CaseRepository } from '../../case.repository.js';
import { serviceLevelOf } from '../../service-level.js';
import { TimelineKind, TimelineRepository } from '../../../timeline/index.js';
import { CaseAssigner } from '../assign-case/case-assigner.js';
import { CaseStatusWriter } from '../change-status/case-status-writer.js';

export class CaseNotYetOpenedError extends Error {}

/**
 * Records routing's decision on the case: department, queue, priority, due time and district. A
 * case still NEW is now open work: that is a status change like any other, through
 * `CaseStatusWriter`, so it is on the timeline and announced by `status-changed` (docs/adr/0028).
 * Then the queue's policy gives it to someone, or to nobody (docs/adr/0059).
 */
@Injectable()
export class RecordRoutingUseCase {
  constructor(
    private readonly cases: CaseRepository,
    private readonly timeline: TimelineRepository,
    private readonly statuses: CaseStatusWriter,
    private readonly assigner: CaseAssigner,
  ) {}

  async execute(routed: CaseRoutedV1, tx: Transaction): Promise<void> {
    const found = await this.cases.lockById(tx, routed.caseId);
    if (!found) {
      // Cannot happen in order (routing reacts to case-opened); retried if it ever does.
      throw new CaseNotYetOpenedError(`case ${routed.caseId} not found`);
    }
    const routedAt = new Date(routed.routedAt);
    const serviceLevel = serviceLevelOf(routed, found.openedAt);
    // A resumption recorded first (routing applies a hold heard before it routed the case in the
    // same transaction, docs/adr/0080) moved the due times: they are newer than the routing's.
    const resumed =
      found.slaMovedAt && !found.slaHeldSince && found.dueAt && found.atRiskAt
        ? { dueAt: found.dueAt, atRiskAt: found.atRiskAt }
        : null;
    await this.cases.recordRouting(
      tx,
      resumed ? { ...routed, dueAt: resumed.dueAt.toISOString() } : routed,
      resumed ? { ...serviceLevel, atRiskAt: resumed.atRiskAt } : serviceLevel,
      new Date(),
    );
    await this.timeline.append(tx, {
      caseId: found.id,
      kind: TimelineKind.Routed,
      summary: `Assigned to ${routed.departmentCode} with priority ${routed.priority}`,
      // Routing itself leaves the status as it was; opening a NEW case follows as its own entry.
      caseStatus: found.status,
      at: routedAt,
    });
    if (found.status === CaseStatus.NEW) {
      await this.statuses.apply(tx, found, CaseStatus.OPEN, {
        author: null,
        // After the routing entry it follows, so the timeline reads in order even when routing
        // stamped its decision in the same millisecond.
        at: new Date(Math.max(Date.now(), routedAt.getTime() + 1)),
      });
    }
    if (routed.legacy) {
      // Imported history is a record of past work, not work to hand out (docs/adr/0022).
      return;
    }
    Object.assign(found, { departmentCode: routed.departmentCode, queueCode: routed.queueCode });
    await this.assigner.assignByPolicy(
      tx,
      found,
      routed.assignment ?? QueueAssignment.MANUAL,
      AssignmentReason.AUTOMATIC,
    );
  }
}
