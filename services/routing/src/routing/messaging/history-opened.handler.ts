import { Injectable } from '@nestjs/common';
import type { HistoryOpenedV1 } from '@civitas/contracts';
import { OnEvent, type EventContext, type EventHandler } from '@civitas/messaging';
import { RouteCaseUseCase } from '../use-cases/route-case/route-case.use-case.js';
import { RoutingConsumers } from '../../messaging/index.js';

/** Imported cases arrive in batches of up to 500; a few batches make one transaction. */
@Injectable()
@OnEvent(RoutingConsumers.routeHistory)
export class HistoryOpenedHandler implements EventHandler<HistoryOpenedV1> {
  constructor(private readonly routeCase: RouteCaseUseCase) {}

  async handle(payload: HistoryOpenedV1, { tx }: EventContext<HistoryOpenedV1>): Promise<void> {
    await this.routeCase.routeHistory(payload.cases, tx);
  }
}
