import { Injectable, Logger } from '@nestjs/common';
import type { CitizensMergedV1 } from '@civitas/contracts';
import { OnEvent, type EventContext, type EventHandler } from '@civitas/messaging';
import { CitizenSubmissionsRepository } from '../citizen-submissions.repository.js';
import { IntakeConsumers } from '../../messaging/index.js';

/** A merge moves the merged resident's submissions to the survivor. */
@Injectable()
@OnEvent(IntakeConsumers.repointMergedSubmissions)
export class CitizensMergedHandler implements EventHandler<CitizensMergedV1> {
  private readonly logger = new Logger(CitizensMergedHandler.name);

  constructor(private readonly repository: CitizenSubmissionsRepository) {}

  async handle(payload: CitizensMergedV1, { tx }: EventContext<CitizensMergedV1>): Promise<void> {
    const moved = await this.repository.repoint(
      tx,
      payload.mergeId,
      payload.mergedId,
      payload.survivorId,
    );
    this.logger.log({ msg: 'submissions re-pointed after merge', mergeId: payload.mergeId, moved });
  }
}
