import { Injectable } from '@nestjs/common';
import type { CaseOpenedV1 } from '@civitas/contracts';
import { OnEvent, type EventContext, type EventHandler } from '@civitas/messaging';
import { CitizenSubmissionsRepository } from '../citizen-submissions.repository.js';
import { IntakeConsumers } from '../../messaging/index.js';

/** Cases resolved who sent the submission: intake records it, so the resident's contacts can be listed. */
@Injectable()
@OnEvent(IntakeConsumers.attributeSubmission)
export class CaseOpenedHandler implements EventHandler<CaseOpenedV1> {
  constructor(private readonly repository: CitizenSubmissionsRepository) {}

  async handle(payload: CaseOpenedV1, { tx }: EventContext<CaseOpenedV1>): Promise<void> {
    if (payload.reporterId) {
      await this.repository.attribute(tx, payload.submissionId, payload.reporterId);
    }
  }
}
