import { Injectable } from '@nestjs/common';
import { SubmissionAccepted, type SubmissionAcceptedV1 } from '@civitas/contracts';
import { OnEvent, type EventContext, type EventHandler } from '@civitas/messaging';
import { OpenCaseUseCase } from '../use-cases/open-case/open-case.use-case.js';

@Injectable()
@OnEvent(SubmissionAccepted, 'cases-submission-accepted')
export class SubmissionAcceptedHandler implements EventHandler<SubmissionAcceptedV1> {
  constructor(private readonly openCase: OpenCaseUseCase) {}

  async handle(
    payload: SubmissionAcceptedV1,
    { tx }: EventContext<SubmissionAcceptedV1>,
  ): Promise<void> {
    await this.openCase.execute(payload, tx);
  }
}
