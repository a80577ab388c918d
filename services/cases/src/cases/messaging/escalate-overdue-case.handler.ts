import { Injectable } from '@nestjs/common';
import type { CaseOverdueV1 } from '@civitas/contracts';
import { OnEvent, type EventContext, type EventHandler } from '@civitas/messaging';
import { EscalateOverdueCaseUseCase } from '../use-cases/escalate-overdue-case/escalate-overdue-case.use-case.js';
import { CasesConsumers } from '../../messaging/index.js';

@Injectable()
@OnEvent(CasesConsumers.escalateOverdueCase)
export class EscalateOverdueCaseHandler implements EventHandler<CaseOverdueV1> {
  constructor(private readonly escalate: EscalateOverdueCaseUseCase) {}

  async handle(payload: CaseOverdueV1, { tx }: EventContext<CaseOverdueV1>): Promise<void> {
    await this.escalate.execute(payload, tx);
  }
}
