import { Injectable, Logger } from '@nestjs/common';
import { CaseStatus } from '@civitas/contracts';
import type { Transaction } from '@civitas/messaging';
import { SlaDeadlineRepository, type StatusChangeOfCase } from '../../sla-deadline.repository.js';
import { PauseOnHoldUseCase } from '../pause-on-hold/pause-on-hold.use-case.js';

/**
 * What a case's status changes do to its deadlines: closing cancels what is pending, reopening
 * arms it again (docs/adr/0058); ON_HOLD pauses the clock of a service that says so, leaving hold
 * (or reopening a case closed while held) starts it again (docs/adr/0068). A change heard before
 * routing has routed the case is kept and applied, in the order the changes were made, as soon as
 * routing arms its deadlines (docs/adr/0080): the status consumer and the routing consumer are
 * separate, and either may run first.
 */
@Injectable()
export class SettleDeadlinesUseCase {
  private readonly logger = new Logger(SettleDeadlinesUseCase.name);

  constructor(
    private readonly deadlines: SlaDeadlineRepository,
    private readonly onHold: PauseOnHoldUseCase,
  ) {}

  /** The status consumer heard `change`. */
  async statusChanged(tx: Transaction, change: StatusChangeOfCase): Promise<void> {
    await this.deadlines.lockCase(tx, change.caseId);
    if (await this.deadlines.keepIfNotRouted(tx, change)) {
      this.logger.log({
        msg: 'status change kept until the case is routed',
        caseId: change.caseId,
        to: change.to,
      });
      return;
    }
    await this.apply(tx, change);
  }

  /** Routing has just armed the case's deadlines: the changes heard before apply now. */
  async deadlinesArmed(tx: Transaction, caseId: string): Promise<void> {
    await this.deadlines.lockCase(tx, caseId);
    for (const change of await this.deadlines.takeChangesAhead(tx, caseId)) {
      this.logger.log({ msg: 'status change heard before routing applied', caseId, to: change.to });
      await this.apply(tx, change);
    }
  }

  private async apply(tx: Transaction, change: StatusChangeOfCase): Promise<void> {
    const { caseId, changedAt: at } = change;
    if (change.to === CaseStatus.CLOSED) {
      // Held deadlines stay held: a case closed while held met its target (it was not late when
      // put on hold), and reopened its clock runs on from what was left.
      await this.deadlines.cancelPending(tx, caseId);
      return;
    }
    if (change.from === CaseStatus.CLOSED) {
      await this.deadlines.rearmCancelled(tx, caseId);
    }
    if (change.to === CaseStatus.ON_HOLD) {
      await this.onHold.pause(tx, caseId, at);
    } else if (change.from === CaseStatus.ON_HOLD || change.from === CaseStatus.CLOSED) {
      await this.onHold.resume(tx, caseId, at);
    }
  }
}
