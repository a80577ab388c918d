import { Injectable } from '@nestjs/common';
import type { HistoryAcceptedV1 } from '@civitas/contracts';
import { OnEvent, type EventContext, type EventHandler } from '@civitas/messaging';
import { OpenHistoryUseCase } from '../use-cases/open-history/open-history.use-case.js';
import { CasesConsumers } from '../../messaging/index.js';

/** Imported records arrive in batches of up to 500; a few batches make one transaction. */
@Injectable()
@OnEvent(CasesConsumers.openHistory)
export class HistoryAcceptedHandler implements EventHandler<HistoryAcceptedV1> {
  constructor(private readonly openHistory: OpenHistoryUseCase) {}

  async handle(payload: HistoryAcceptedV1, { tx }: EventContext<HistoryAcceptedV1>): Promise<void> {
    await this.openHistory.execute(payload.submissions, tx);
  }
}
