import { Injectable } from '@nestjs/common';
import type { CaseOpenedV1 } from '@civitas/contracts';
import { OnEvent, type EventContext, type EventHandler } from '@civitas/messaging';
import { RouteCaseUseCase } from '../use-cases/route-case/route-case.use-case.js';
import { RoutingConsumers } from '../../messaging/index.js';

@Injectable()
@OnEvent(RoutingConsumers.routeCase)
export class CaseOpenedHandler implements EventHandler<CaseOpenedV1> {
  constructor(private readonly routeCase: RouteCaseUseCase) {}

  async handle(payload: CaseOpenedV1, { tx }: EventContext<CaseOpenedV1>): Promise<void> {
    await this.routeCase.execute(payload, tx);
  }
}
