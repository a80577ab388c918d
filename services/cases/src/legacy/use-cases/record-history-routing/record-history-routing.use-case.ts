import { Injectable } from '@nestjs/common';
import type { CaseRoutedV1 } from '@civitas/contracts';
import type { Transaction } from '@civitas/messaging';
import { CaseNotYetOpenedError } from '../../../cases/use-cases/record-routing/record-routing.use-case.js';
import { TimelineKind } from '../../../timeline/timeline-entry.entity.js';
import { TimelineRepository } from '../../../timeline/timeline.repository.js';

/**
 * Records routing's decisions on a batch of imported cases in one update: department, queue,
 * priority, due time and district, as `RecordRoutingUseCase` does for one live case. Their status
 * stays the one they had in the legacy system (a NEW one becomes OPEN, as live cases do when
 * routed). The district routing found is kept beside the one the legacy record named (in its
 * attributes), which `Case.district` prefers.
 */
@Injectable()
export class RecordHistoryRoutingUseCase {
  constructor(private readonly timeline: TimelineRepository) {}

  async execute(routed: CaseRoutedV1[], tx: Transaction): Promise<void> {
    const updated = (await tx.manager.query(
      `UPDATE service_case AS c SET
         department_code = v.department_code,
         queue_code = v.queue_code,
         priority = v.priority,
         due_at = v.due_at,
         routed_at = v.routed_at,
         district_code = v.district_code,
         status = CASE WHEN c.status = 'NEW' THEN 'OPEN' ELSE c.status END,
         updated_at = now()
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::timestamptz[], $7::text[])
         AS v(case_id, department_code, queue_code, priority, due_at, routed_at, district_code)
       WHERE c.id = v.case_id
       RETURNING c.id`,
      [
        routed.map((r) => r.caseId),
        routed.map((r) => r.departmentCode),
        routed.map((r) => r.queueCode),
        routed.map((r) => r.priority),
        routed.map((r) => r.dueAt),
        routed.map((r) => r.routedAt),
        routed.map((r) => r.districtCode ?? null),
      ],
    )) as [{ id: string }[], number] | { id: string }[];
    const rows = Array.isArray(updated[0])
      ? (updated[0] as { id: string }[])
      : (updated as { id: string }[]);
    if (rows.length < routed.length) {
      // Cannot happen in order (routing reacts to history-opened); retried if it ever does.
      const found = new Set(rows.map((r) => r.id));
      const missing = routed.filter((r) => !found.has(r.caseId)).map((r) => r.caseId);
      throw new CaseNotYetOpenedError(`cases ${missing.slice(0, 5).join(', ')} not found`);
    }
    await this.timeline.appendMany(
      tx.manager,
      routed.map((r) => ({
        caseId: r.caseId,
        kind: TimelineKind.Routed,
        summary: `Assigned to ${r.departmentCode} with priority ${r.priority}`,
        at: new Date(r.routedAt),
      })),
    );
  }
}
