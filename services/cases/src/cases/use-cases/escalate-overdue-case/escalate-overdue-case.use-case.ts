import { Injectable, Logger } from '@nestjs/common';
import { CaseEscalated, CaseStatus, Priority, type CaseOverdueV1 } from '@civitas/contracts';
import type { Transaction } from '@civitas/messaging';
import { CaseRepository } from '../../case.repository.js';
import { TimelineKind, TimelineRepository, Visibility } from '../../../timeline/index.js';
import { CaseNotYetOpenedError } from '../record-routing/record-routing.use-case.js';

/**
 * One step up for an overdue case. EMERGENCY is kept for possible emergencies (routing's call at
 * intake): lateness alone does not make a case one, so HIGH is as far as escalation goes.
 */
export function raisedPriority(priority: Priority): Priority {
  switch (priority) {
    case Priority.LOW:
      return Priority.NORMAL;
    case Priority.NORMAL:
      return Priority.HIGH;
    case Priority.HIGH:
    case Priority.EMERGENCY:
      return priority;
  }
}

/**
 * Routing's timer found a case open past its due time (docs/adr/0058): its priority rises one
 * step, an internal timeline entry says so, and `case-escalated` tells the rest of the platform.
 * A case closed before the event arrived (routing learns of closings a little later than cases
 * makes them) is left alone.
 */
@Injectable()
export class EscalateOverdueCaseUseCase {
  private readonly logger = new Logger(EscalateOverdueCaseUseCase.name);

  constructor(
    private readonly cases: CaseRepository,
    private readonly timeline: TimelineRepository,
  ) {}

  async execute(overdue: CaseOverdueV1, tx: Transaction): Promise<void> {
    const found = await this.cases.lockById(tx, overdue.caseId);
    if (!found) {
      // Routing arms deadlines only for cases cases opened; retried if this ever comes first.
      throw new CaseNotYetOpenedError(`case ${overdue.caseId} not found`);
    }
    if (found.status === CaseStatus.CLOSED) {
      this.logger.log({ msg: 'overdue case already closed', caseId: found.id });
      return;
    }
    const from = found.priority ?? Priority.NORMAL;
    const to = raisedPriority(from);
    const at = new Date(Math.max(Date.now(), new Date(overdue.detectedAt).getTime()));
    if (to !== from) {
      await this.cases.raisePriority(tx, found.id, to, at);
    }
    await this.timeline.append(tx, {
      caseId: found.id,
      kind: TimelineKind.Escalated,
      summary:
        to === from
          ? `Overdue since ${overdue.dueAt}: escalated to ${overdue.departmentCode} supervisors; priority stays ${to}`
          : `Overdue since ${overdue.dueAt}: escalated to ${overdue.departmentCode} supervisors; priority raised from ${from} to ${to}`,
      caseStatus: found.status,
      visibility: Visibility.Internal,
      at,
    });
    await tx.emit(CaseEscalated, {
      caseId: found.id,
      ticketNumber: found.ticketNumber,
      departmentCode: overdue.departmentCode,
      fromPriority: from,
      priority: to,
      dueAt: overdue.dueAt,
      escalatedAt: at.toISOString(),
    });
    this.logger.log({ msg: 'overdue case escalated', caseId: found.id, from, to });
  }
}
