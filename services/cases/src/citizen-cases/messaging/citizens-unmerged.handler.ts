import { Injectable, Logger } from '@nestjs/common';
import type { CitizensUnmergedV1 } from '@civitas/contracts';
import { OnEvent, type EventContext, type EventHandler } from '@civitas/messaging';
import { CitizenCasesRepository } from '../citizen-cases.repository.js';
import { CasesConsumers } from '../../messaging/index.js';

/** An unmerge gives the merged resident their cases back. */
@Injectable()
@OnEvent(CasesConsumers.restoreUnmergedCases)
export class CitizensUnmergedHandler implements EventHandler<CitizensUnmergedV1> {
  private readonly logger = new Logger(CitizensUnmergedHandler.name);

  constructor(private readonly repository: CitizenCasesRepository) {}

  async handle(
    payload: CitizensUnmergedV1,
    { tx }: EventContext<CitizensUnmergedV1>,
  ): Promise<void> {
    const restored = await this.repository.restore(tx, payload.mergeId);
    this.logger.log({ msg: 'cases restored after unmerge', mergeId: payload.mergeId, restored });
  }
}
