import { Injectable } from '@nestjs/common';
import type { CaseDeadlinesMovedV1 } from '@civitas/contracts';
import { OnEvent, type EventContext, type EventHandler } from '@civitas/messaging';
import { CaseFactRepository } from '../case-fact.repository.js';
import { AnalyticsConsumers } from '../../messaging/index.js';

/**
 * A case's clock paused on hold or resumed (docs/adr/0068): held cases count neither overdue nor
 * late, resumed ones are judged on their moved due time (docs/adr/0080).
 */
@Injectable()
@OnEvent(AnalyticsConsumers.countDeadlinesMoved)
export class CountDeadlinesMovedHandler implements EventHandler<CaseDeadlinesMovedV1> {
  constructor(private readonly facts: CaseFactRepository) {}

  async handle(
    payload: CaseDeadlinesMovedV1,
    { tx }: EventContext<CaseDeadlinesMovedV1>,
  ): Promise<void> {
    await this.facts.recordDeadlinesMoved(tx, payload);
  }
}
