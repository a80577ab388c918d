import { Injectable } from '@nestjs/common';
import {
  SplitSubmission,
  type SplitSubmissionReply,
  type SplitSubmissionRequest,
} from '@civitas/contracts';
import { OnRequest, type RequestHandler } from '@civitas/messaging';
import { SplitSubmissionUseCase } from '../use-cases/split-submission/split-submission.use-case.js';

/** Cases splits a case its staff asked to split: one submission per part (docs/adr/0062). */
@Injectable()
@OnRequest(SplitSubmission)
export class SplitSubmissionHandler implements RequestHandler<
  SplitSubmissionRequest,
  SplitSubmissionReply
> {
  constructor(private readonly split: SplitSubmissionUseCase) {}

  handle(request: SplitSubmissionRequest): Promise<SplitSubmissionReply> {
    return this.split.execute(request);
  }
}
