import { Injectable, Logger } from '@nestjs/common';
import type { CitizensUnmergedV1 } from '@civitas/contracts';
import { OnEvent, type EventContext, type EventHandler } from '@civitas/messaging';
import { CitizenSubmissionsRepository } from '../citizen-submissions.repository.js';
import { IntakeConsumers } from '../../messaging/index.js';

/** An unmerge gives the merged resident their submissions back. */
@Injectable()
@OnEvent(IntakeConsumers.restoreUnmergedSubmissions)
export class CitizensUnmergedHandler implements EventHandler<CitizensUnmergedV1> {
  private readonly logger = new Logger(CitizensUnmergedHandler.name);

  constructor(private readonly repository: CitizenSubmissionsRepository) {}

  async handle(
    payload: CitizensUnmergedV1,
    { tx }: EventContext<CitizensUnmergedV1>,
  ): Promise<void> {
    const restored = await this.repository.restore(tx, payload.mergeId);
    this.logger.log({
      msg: 'submissions restored after unmerge',
      mergeId: payload.mergeId,
      restored,
    });
  }
}
