import { Injectable } from '@nestjs/common';
import type { CaseRoutedV1 } from '@civitas/contracts';
import { OnEvent, type EventContext, type EventHandler } from '@civitas/messaging';
import { RecordRoutingUseCase } from '../use-cases/record-routing/record-routing.use-case.js';
import { CasesConsumers } from '../../messaging/index.js';

@Injectable()
@OnEvent(CasesConsumers.recordRouting)
export class CaseRoutedHandler implements EventHandler<CaseRoutedV1> {
  constructor(private readonly recordRouting: RecordRoutingUseCase) {}

  async handle(payload: CaseRoutedV1, { tx }: EventContext<CaseRoutedV1>): Promise<void> {
    await this.recordRouting.execute(payload, tx);
  }
}
