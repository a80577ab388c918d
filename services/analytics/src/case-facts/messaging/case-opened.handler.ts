import { Injectable } from '@nestjs/common';
import { CaseOpened, type CaseOpenedV1 } from '@civitas/contracts';
import { OnEvent, type EventContext, type EventHandler } from '@civitas/messaging';
import { CaseFactRepository } from '../case-fact.repository.js';

@Injectable()
@OnEvent(CaseOpened, 'analytics-case-opened')
export class CaseOpenedHandler implements EventHandler<CaseOpenedV1> {
  constructor(private readonly facts: CaseFactRepository) {}

  async handle(payload: CaseOpenedV1, { tx }: EventContext<CaseOpenedV1>): Promise<void> {
    await this.facts.recordOpened(tx, payload);
  }
}
