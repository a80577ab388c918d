import { Injectable } from '@nestjs/common';
import type { StatusChangedV1 } from '@civitas/contracts';
import { OnEvent, type EventContext, type EventHandler } from '@civitas/messaging';
import { RoutingConsumers } from '../../messaging/index.js';
import { SettleDeadlinesUseCase } from '../use-cases/settle-deadlines/settle-deadlines.use-case.js';

/** A case's status change settles its deadlines (docs/adr/0058, 0068, 0080). */
@Injectable()
@OnEvent(RoutingConsumers.settleDeadlines)
export class SettleDeadlinesOnStatusHandler implements EventHandler<StatusChangedV1> {
  constructor(private readonly settle: SettleDeadlinesUseCase) {}

  async handle(changed: StatusChangedV1, { tx }: EventContext<StatusChangedV1>): Promise<void> {
    await this.settle.statusChanged(tx, {
      caseId: changed.caseId,
      from: changed.from,
      to: changed.to,
      changedAt: new Date(changed.changedAt),
    });
  }
}
