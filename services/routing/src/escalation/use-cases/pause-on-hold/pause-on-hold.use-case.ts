import { Injectable, Logger } from '@nestjs/common';
import { CaseDeadlinesMoved } from '@civitas/contracts';
import type { Transaction } from '@civitas/messaging';
import { countOn, ServiceLevels, timeLeft } from '../../../calendars/index.js';
import { DeadlineKind, DeadlineState } from '../../sla-deadline.entity.js';
import { SlaDeadlineRepository } from '../../sla-deadline.repository.js';

const MINUTE_MS = 60_000;

/**
 * ON_HOLD pauses the clock of a case whose service `pausesOnHold` (docs/adr/0068): its pending
 * deadlines become HELD with the time that was left in the target's clock (business time in the
 * department's calendar, or plain time), so the timer never sees them; leaving hold counts that
 * time on from the moment it left, and the deadlines are PENDING again, each to fire once at its
 * new time. Both emit `case-deadlines-moved` in the same transaction for cases to record.
 */
@Injectable()
export class PauseOnHoldUseCase {
  private readonly logger = new Logger(PauseOnHoldUseCase.name);

  constructor(
    private readonly deadlines: SlaDeadlineRepository,
    private readonly serviceLevels: ServiceLevels,
  ) {}

  /**
   * The case went ON_HOLD `at`. Nothing happens for a service that does not pause, nor for a
   * case already past its due time (its clock has run out: the timer fires or has fired it).
   */
  async pause(tx: Transaction, caseId: string, at: Date): Promise<void> {
    const found = await this.deadlines.ofCase(tx, caseId);
    if (!found?.pausesOnHold) {
      return;
    }
    const due = found.deadlines.find((d) => d.kind === DeadlineKind.OVERDUE);
    if (due?.state !== DeadlineState.PENDING || due.dueAt.getTime() <= at.getTime()) {
      return;
    }
    const clock = (await this.serviceLevels.load(tx)).clockOf(found.departmentCode);
    let dueLeft = 0;
    for (const deadline of found.deadlines.filter((d) => d.state === DeadlineState.PENDING)) {
      const left = timeLeft(found.slaClock, clock, at, deadline.dueAt);
      await this.deadlines.hold(tx, caseId, deadline.kind, left, at);
      if (deadline.kind === DeadlineKind.OVERDUE) {
        dueLeft = left;
      }
    }
    await tx.emit(CaseDeadlinesMoved, {
      caseId,
      ticketNumber: found.ticketNumber,
      held: true,
      dueAt: null,
      atRiskAt: null,
      remainingMinutes: Math.floor(dueLeft / MINUTE_MS),
      at: at.toISOString(),
    });
    this.logger.log({ msg: 'clock paused on hold', caseId, leftMinutes: dueLeft / MINUTE_MS });
  }

  /** The case left ON_HOLD (or was reopened after closing while held) `at`: the clock runs again. */
  async resume(tx: Transaction, caseId: string, at: Date): Promise<void> {
    const found = await this.deadlines.ofCase(tx, caseId);
    const held = found?.deadlines.filter((d) => d.state === DeadlineState.HELD) ?? [];
    if (!found || held.length === 0) {
      return;
    }
    const clock = (await this.serviceLevels.load(tx)).clockOf(found.departmentCode);
    const times = new Map(found.deadlines.map((d) => [d.kind, d.dueAt]));
    let dueLeft = 0;
    for (const deadline of held) {
      const left = Number(deadline.heldMs);
      const dueAt = countOn(found.slaClock, clock, at, left);
      await this.deadlines.resume(tx, caseId, deadline.kind, dueAt);
      times.set(deadline.kind, dueAt);
      if (deadline.kind === DeadlineKind.OVERDUE) {
        dueLeft = left;
      }
    }
    const dueAt = times.get(DeadlineKind.OVERDUE);
    const atRiskAt = times.get(DeadlineKind.AT_RISK);
    await tx.emit(CaseDeadlinesMoved, {
      caseId,
      ticketNumber: found.ticketNumber,
      held: false,
      dueAt: dueAt ? dueAt.toISOString() : null,
      atRiskAt: atRiskAt ? atRiskAt.toISOString() : null,
      remainingMinutes: Math.floor(dueLeft / MINUTE_MS),
      at: at.toISOString(),
    });
    this.logger.log({ msg: 'clock resumed', caseId, dueAt: dueAt?.toISOString() });
  }
}
