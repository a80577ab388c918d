import { Injectable } from '@nestjs/common';
import type { HistoryRoutedV1 } from '@civitas/contracts';
import { OnEvent, type EventContext, type EventHandler } from '@civitas/messaging';
import { RecordHistoryRoutingUseCase } from '../use-cases/record-history-routing/record-history-routing.use-case.js';
import { CasesConsumers } from '../../messaging/index.js';

@Injectable()
@OnEvent(CasesConsumers.recordHistoryRouting)
export class HistoryRoutedHandler implements EventHandler<HistoryRoutedV1> {
  constructor(private readonly recordRouting: RecordHistoryRoutingUseCase) {}

  async handle(payload: HistoryRoutedV1, { tx }: EventContext<HistoryRoutedV1>): Promise<void> {
    await this.recordRouting.execute(payload.routed, tx);
  }
}
