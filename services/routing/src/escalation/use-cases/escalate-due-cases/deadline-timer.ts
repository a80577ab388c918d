import { Injectable, Logger } from '@nestjs/common';
import { CaseAtRisk, CaseOverdue } from '@civitas/contracts';
import {
  drainInBatches,
  PollingLoop,
  PollingWorker,
  UnitOfWork,
  type Transaction,
} from '@civitas/messaging';
import { RoutingConfig } from '../../../config/routing.config.js';
import { DeadlineKind } from '../../sla-deadline.entity.js';
import { SlaDeadlineRepository } from '../../sla-deadline.repository.js';

/** Deadlines fired per transaction: one outbox insert and one update each. */
export const DEADLINE_BATCH = 500;

/**
 * Routing's escalation timer (docs/adr/0058): every ESCALATION_SCAN_MS each replica claims the
 * deadlines due now (`FOR UPDATE SKIP LOCKED`, in batches), records them FIRED and emits
 * `case-at-risk` / `case-overdue` through the outbox in the same transaction. The deadline's key
 * (case, kind) and its state make each event go out once per case and deadline, whichever replica
 * claims it and however often routing restarts.
 */
@Injectable()
export class DeadlineTimer extends PollingWorker {
  private readonly logger = new Logger(DeadlineTimer.name);
  protected readonly loop: PollingLoop;

  constructor(
    private readonly uow: UnitOfWork,
    private readonly deadlines: SlaDeadlineRepository,
    config: RoutingConfig,
  ) {
    super();
    this.loop = new PollingLoop({
      name: 'escalation scan',
      work: async () => {
        await this.scan();
      },
      intervalMs: config.ESCALATION_SCAN_MS,
      logger: this.logger,
    });
  }

  /** Fires every deadline due now; returns how many fired. */
  scan(): Promise<number> {
    return drainInBatches(DEADLINE_BATCH, () => this.uow.run((tx) => this.fireBatch(tx)));
  }

  private async fireBatch(tx: Transaction): Promise<number> {
    const fired = await this.deadlines.fireDue(tx, DEADLINE_BATCH);
    const detectedAt = new Date().toISOString();
    const atRisk = fired.filter((d) => d.kind === DeadlineKind.AT_RISK);
    const overdue = fired.filter((d) => d.kind === DeadlineKind.OVERDUE);
    if (atRisk.length > 0) {
      await tx.emitAll(
        CaseAtRisk,
        atRisk.map((d) => ({
          caseId: d.caseId,
          ticketNumber: d.ticketNumber,
          serviceCode: d.serviceCode,
          departmentCode: d.departmentCode,
          atRiskAt: d.atRiskAt.toISOString(),
          dueAt: d.dueAt.toISOString(),
          detectedAt,
        })),
      );
    }
    if (overdue.length > 0) {
      await tx.emitAll(
        CaseOverdue,
        overdue.map((d) => ({
          caseId: d.caseId,
          ticketNumber: d.ticketNumber,
          serviceCode: d.serviceCode,
          departmentCode: d.departmentCode,
          dueAt: d.dueAt.toISOString(),
          detectedAt,
          ...(d.escalationEmail ? { escalationEmail: d.escalationEmail } : {}),
          ...(d.departmentName ? { departmentName: d.departmentName } : {}),
          ...(d.serviceName ? { serviceName: d.serviceName } : {}),
        })),
      );
    }
    if (fired.length > 0) {
      this.logger.log({ msg: 'deadlines fired', atRisk: atRisk.length, overdue: overdue.length });
    }
    return fired.length;
  }
}
