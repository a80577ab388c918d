import { Injectable } from '@nestjs/common';
import type { CaseAssignedV1 } from '@civitas/contracts';
import { OnEvent, type EventContext, type EventHandler } from '@civitas/messaging';
import { CaseAssignmentFactRepository } from '../case-assignment-fact.repository.js';
import { AnalyticsConsumers } from '../../messaging/index.js';

/** Every change of hands on a case is counted (docs/adr/0059). */
@Injectable()
@OnEvent(AnalyticsConsumers.countAssigned)
export class CountCaseAssignedHandler implements EventHandler<CaseAssignedV1> {
  constructor(private readonly facts: CaseAssignmentFactRepository) {}

  async handle(payload: CaseAssignedV1, { tx }: EventContext<CaseAssignedV1>): Promise<void> {
    await this.facts.count(tx, payload);
  }
}
