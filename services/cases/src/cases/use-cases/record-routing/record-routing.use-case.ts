import { Injectable } from '@nestjs/common';
import { CaseStatus, type CaseRoutedV1 } from '@civitas/contracts';
import type { Transaction } from '@civitas/messaging';
import { CaseEntity } from '../../case.entity.js';
import { TimelineKind } from '../../../timeline/timeline-entry.entity.js';
import { TimelineRepository } from '../../../timeline/timeline.repository.js';

export class CaseNotYetOpenedError extends Error {}

/** Records routing's decision on the case: department, queue, priority, due time and district. */
@Injectable()
export class RecordRoutingUseCase {
  constructor(private readonly timeline: TimelineRepository) {}

  async execute(routed: CaseRoutedV1, tx: Transaction): Promise<void> {
    const found = await tx.manager.findOne(CaseEntity, {
      where: { id: routed.caseId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!found) {
      // Cannot happen in order (routing reacts to case-opened); retried if it ever does.
      throw new CaseNotYetOpenedError(`case ${routed.caseId} not found`);
    }
    const routedAt = new Date(routed.routedAt);
    await tx.manager.update(
      CaseEntity,
      { id: found.id },
      {
        departmentCode: routed.departmentCode,
        queueCode: routed.queueCode,
        priority: routed.priority,
        dueAt: new Date(routed.dueAt),
        routedAt,
        districtCode: routed.districtCode ?? null,
        status: found.status === CaseStatus.NEW ? CaseStatus.OPEN : found.status,
        updatedAt: new Date(),
      },
    );
    await this.timeline.append(tx.manager, {
      caseId: found.id,
      kind: TimelineKind.Routed,
      summary: `Assigned to ${routed.departmentCode} with priority ${routed.priority}`,
      at: routedAt,
    });
  }
}
