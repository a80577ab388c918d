import { Injectable } from '@nestjs/common';
import type { CaseOpenedV1 } from '@civitas/contracts';
import { OnEvent, type EventContext, type EventHandler } from '@civitas/messaging';
import { ReplySender } from '../../email/index.js';
import { CitizenDataRepository } from '../citizen-data.repository.js';
import { IntakeConsumers } from '../../messaging/index.js';

/**
 * A case opened for a resident erased meanwhile (`case-opened` and `citizen-erased` come on
 * different streams, in any order): its submission is blanked as the erasure would have done.
 */
@Injectable()
@OnEvent(IntakeConsumers.eraseIfReporterErased)
export class CaseOpenedErasureHandler implements EventHandler<CaseOpenedV1> {
  constructor(
    private readonly repository: CitizenDataRepository,
    private readonly replies: ReplySender,
  ) {}

  async handle(payload: CaseOpenedV1, { tx }: EventContext<CaseOpenedV1>): Promise<void> {
    if (payload.reporterId) {
      if (await this.repository.eraseIfErased(tx, payload.submissionId, payload.reporterId)) {
        await this.replies.forget([payload.submissionId]);
      }
    }
  }
}
