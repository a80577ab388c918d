import { Injectable } from '@nestjs/common';
import { CaseStatus, type StatusChangedV1 } from '@civitas/contracts';
import { OnEvent, type EventContext, type EventHandler } from '@civitas/messaging';
import { RoutingConsumers } from '../../messaging/index.js';
import { SlaDeadlineRepository } from '../sla-deadline.repository.js';
import { PauseOnHoldUseCase } from '../use-cases/pause-on-hold/pause-on-hold.use-case.js';

/**
 * A closed case never escalates: closing cancels its pending deadlines, reopening arms them again
 * (docs/adr/0058). ON_HOLD pauses the clock of a service that says so, leaving hold (or reopening
 * a case closed while held) starts it again (docs/adr/0068). Other changes leave them as they are.
 */
@Injectable()
@OnEvent(RoutingConsumers.settleDeadlines)
export class SettleDeadlinesOnStatusHandler implements EventHandler<StatusChangedV1> {
  constructor(
    private readonly deadlines: SlaDeadlineRepository,
    private readonly onHold: PauseOnHoldUseCase,
  ) {}

  async handle(changed: StatusChangedV1, { tx }: EventContext<StatusChangedV1>): Promise<void> {
    const at = new Date(changed.changedAt);
    if (changed.to === CaseStatus.CLOSED) {
      // Held deadlines stay held: a case closed while held met its target (it was not late when
      // put on hold), and reopened its clock runs on from what was left.
      await this.deadlines.cancelPending(tx, changed.caseId);
      return;
    }
    if (changed.from === CaseStatus.CLOSED) {
      await this.deadlines.rearmCancelled(tx, changed.caseId);
    }
    if (changed.to === CaseStatus.ON_HOLD) {
      await this.onHold.pause(tx, changed.caseId, at);
    } else if (changed.from === CaseStatus.ON_HOLD || changed.from === CaseStatus.CLOSED) {
      await this.onHold.resume(tx, changed.caseId, at);
    }
  }
}
