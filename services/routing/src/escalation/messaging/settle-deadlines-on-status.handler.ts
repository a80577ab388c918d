import { Injectable } from '@nestjs/common';
import { CaseStatus, type StatusChangedV1 } from '@civitas/contracts';
import { OnEvent, type EventContext, type EventHandler } from '@civitas/messaging';
import { RoutingConsumers } from '../../messaging/index.js';
import { SlaDeadlineRepository } from '../sla-deadline.repository.js';

/**
 * A closed case never escalates: closing cancels its pending deadlines, reopening arms them again
 * (docs/adr/0058). Other status changes leave them as they are.
 */
@Injectable()
@OnEvent(RoutingConsumers.settleDeadlines)
export class SettleDeadlinesOnStatusHandler implements EventHandler<StatusChangedV1> {
  constructor(private readonly deadlines: SlaDeadlineRepository) {}

  async handle(changed: StatusChangedV1, { tx }: EventContext<StatusChangedV1>): Promise<void> {
    if (changed.to === CaseStatus.CLOSED) {
      await this.deadlines.cancelPending(tx, changed.caseId);
    } else if (changed.from === CaseStatus.CLOSED) {
      await this.deadlines.rearmCancelled(tx, changed.caseId);
    }
  }
}
