import { Injectable } from '@nestjs/common';
import type { CaseOpenedV1 } from '@civitas/contracts';
import { OnEvent, type EventContext, type EventHandler } from '@civitas/messaging';
import { CaseFactRepository } from '../case-fact.repository.js';
import { AnalyticsConsumers } from '../../messaging/index.js';

@Injectable()
@OnEvent(AnalyticsConsumers.countOpened)
export class CaseOpenedHandler implements EventHandler<CaseOpenedV1> {
  constructor(private readonly facts: CaseFactRepository) {}

  async handle(payload: CaseOpenedV1, { tx }: EventContext<CaseOpenedV1>): Promise<void> {
    await this.facts.recordOpened(tx, payload);
  }
}
