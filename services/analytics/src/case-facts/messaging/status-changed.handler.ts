import { Injectable } from '@nestjs/common';
import type { StatusChangedV1 } from '@civitas/contracts';
import { OnEvent, type EventContext, type EventHandler } from '@civitas/messaging';
import { CaseFactRepository } from '../case-fact.repository.js';
import { AnalyticsConsumers } from '../../messaging/index.js';

/**
 * Routing opening a case, staff closures and reopenings (and residents' reopenings) count in
 * backlog, time to close and the status transitions.
 */
@Injectable()
@OnEvent(AnalyticsConsumers.countStatusChanged)
export class StatusChangedHandler implements EventHandler<StatusChangedV1> {
  constructor(private readonly facts: CaseFactRepository) {}

  async handle(
    payload: StatusChangedV1,
    { tx, envelope }: EventContext<StatusChangedV1>,
  ): Promise<void> {
    await this.facts.recordStatusChanged(tx, payload, envelope.id);
  }
}
