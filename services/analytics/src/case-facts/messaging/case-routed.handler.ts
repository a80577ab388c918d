import { Injectable } from '@nestjs/common';
import type { CaseRoutedV1 } from '@civitas/contracts';
import { OnEvent, type EventContext, type EventHandler } from '@civitas/messaging';
import { CaseFactRepository } from '../case-fact.repository.js';
import { AnalyticsConsumers } from '../../messaging/index.js';

@Injectable()
@OnEvent(AnalyticsConsumers.countRouted)
export class CaseRoutedHandler implements EventHandler<CaseRoutedV1> {
  constructor(private readonly facts: CaseFactRepository) {}

  async handle(payload: CaseRoutedV1, { tx }: EventContext<CaseRoutedV1>): Promise<void> {
    await this.facts.recordRouted(tx, payload);
  }
}
