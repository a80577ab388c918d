import { Injectable } from '@nestjs/common';
import type { CaseDeadlinesMovedV1 } from '@civitas/contracts';
import { OnEvent, type EventContext, type EventHandler } from '@civitas/messaging';
import { RecordDeadlinesMovedUseCase } from '../use-cases/record-deadlines-moved/record-deadlines-moved.use-case.js';
import { CasesConsumers } from '../../messaging/index.js';

/** Only routing publishes `case-deadlines-moved` (its NATS user alone may, docs/adr/0046). */
@Injectable()
@OnEvent(CasesConsumers.recordDeadlinesMoved)
export class DeadlinesMovedHandler implements EventHandler<CaseDeadlinesMovedV1> {
  constructor(private readonly record: RecordDeadlinesMovedUseCase) {}

  async handle(
    payload: CaseDeadlinesMovedV1,
    { tx }: EventContext<CaseDeadlinesMovedV1>,
  ): Promise<void> {
    await this.record.execute(payload, tx);
  }
}
