import { Injectable } from '@nestjs/common';
import type { SubmissionAcceptedV1 } from '@civitas/contracts';
import {
  OnEvent,
  type EventContext,
  type EventHandler,
  type PrepareContext,
} from '@civitas/messaging';
import {
  OpenCaseUseCase,
  type ResolvedReporter,
} from '../use-cases/open-case/open-case.use-case.js';
import { CasesConsumers } from '../../messaging/index.js';

@Injectable()
@OnEvent(CasesConsumers.openCase)
export class SubmissionAcceptedHandler implements EventHandler<
  SubmissionAcceptedV1,
  ResolvedReporter
> {
  constructor(private readonly openCase: OpenCaseUseCase) {}

  /** Citizens is asked before the transaction, once per delivery (docs/adr/0032). */
  prepare(
    payload: SubmissionAcceptedV1,
    { envelope }: PrepareContext<SubmissionAcceptedV1>,
  ): Promise<ResolvedReporter> {
    return this.openCase.resolve(payload, envelope.actor);
  }

  async handle(
    payload: SubmissionAcceptedV1,
    { tx, prepared }: EventContext<SubmissionAcceptedV1, ResolvedReporter>,
  ): Promise<void> {
    await this.openCase.execute(payload, prepared, tx);
  }
}
