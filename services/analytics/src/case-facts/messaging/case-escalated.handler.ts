import { Injectable } from '@nestjs/common';
import type { CaseOverdueV1 } from '@civitas/contracts';
import { OnEvent, type EventContext, type EventHandler } from '@civitas/messaging';
import { CaseFactRepository } from '../case-fact.repository.js';
import { AnalyticsConsumers } from '../../messaging/index.js';

/** A case escalated past its due time counts in `escalated` on that day (docs/adr/0084). */
@Injectable()
@OnEvent(AnalyticsConsumers.countEscalated)
export class CountEscalatedCaseHandler implements EventHandler<CaseOverdueV1> {
  constructor(private readonly facts: CaseFactRepository) {}

  async handle(payload: CaseOverdueV1, { tx }: EventContext<CaseOverdueV1>): Promise<void> {
    await this.facts.recordEscalated(tx, payload);
  }
}
