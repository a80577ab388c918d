import { Injectable, Logger } from '@nestjs/common';
import type { CitizensMergedV1 } from '@civitas/contracts';
import { OnEvent, type EventContext, type EventHandler } from '@civitas/messaging';
import { CitizenCasesRepository } from '../citizen-cases.repository.js';
import { CasesConsumers } from '../../messaging/index.js';

/** A merge moves the merged resident's cases to the survivor. */
@Injectable()
@OnEvent(CasesConsumers.repointMergedCases)
export class CitizensMergedHandler implements EventHandler<CitizensMergedV1> {
  private readonly logger = new Logger(CitizensMergedHandler.name);

  constructor(private readonly repository: CitizenCasesRepository) {}

  async handle(payload: CitizensMergedV1, { tx }: EventContext<CitizensMergedV1>): Promise<void> {
    const moved = await this.repository.repoint(
      tx,
      payload.mergeId,
      payload.mergedId,
      payload.survivorId,
    );
    this.logger.log({ msg: 'cases re-pointed after merge', mergeId: payload.mergeId, moved });
  }
}
