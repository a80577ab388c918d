import { Injectable } from '@nestjs/common';
import type { HistoryRoutedV1 } from '@civitas/contracts';
import { OnEvent, type EventContext, type EventHandler } from '@civitas/messaging';
import { CaseFactRepository } from '../case-fact.repository.js';
import { AnalyticsConsumers } from '../../messaging/index.js';

@Injectable()
@OnEvent(AnalyticsConsumers.countHistoryRouted)
export class HistoryRoutedHandler implements EventHandler<HistoryRoutedV1> {
  constructor(private readonly facts: CaseFactRepository) {}

  async handle(payload: HistoryRoutedV1, { tx }: EventContext<HistoryRoutedV1>): Promise<void> {
    await this.facts.recordRoutedMany(tx, payload.routed);
  }
}
