import { Injectable } from '@nestjs/common';
import type { HistoryOpenedV1 } from '@civitas/contracts';
import { OnEvent, type EventContext, type EventHandler } from '@civitas/messaging';
import { CaseFactRepository } from '../case-fact.repository.js';
import { AnalyticsConsumers } from '../../messaging/index.js';

/** Imported cases are counted as they were in the legacy system, a batch at a time. */
@Injectable()
@OnEvent(AnalyticsConsumers.countHistoryOpened)
export class HistoryOpenedHandler implements EventHandler<HistoryOpenedV1> {
  constructor(private readonly facts: CaseFactRepository) {}

  async handle(payload: HistoryOpenedV1, { tx }: EventContext<HistoryOpenedV1>): Promise<void> {
    await this.facts.recordOpenedMany(tx, payload.cases);
  }
}
