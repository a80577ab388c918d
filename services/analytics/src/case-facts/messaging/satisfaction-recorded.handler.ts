import { Injectable } from '@nestjs/common';
import type { SatisfactionRecordedV1 } from '@civitas/contracts';
import { OnEvent, type EventContext, type EventHandler } from '@civitas/messaging';
import { CaseFactRepository } from '../case-fact.repository.js';
import { AnalyticsConsumers } from '../../messaging/index.js';

/** Closure survey answers count in `satisfactionAverage` and `satisfactionResponses` (ADR 0060). */
@Injectable()
@OnEvent(AnalyticsConsumers.countSatisfaction)
export class SatisfactionRecordedHandler implements EventHandler<SatisfactionRecordedV1> {
  constructor(private readonly facts: CaseFactRepository) {}

  async handle(
    payload: SatisfactionRecordedV1,
    { tx }: EventContext<SatisfactionRecordedV1>,
  ): Promise<void> {
    await this.facts.recordSatisfaction(tx, payload);
  }
}
