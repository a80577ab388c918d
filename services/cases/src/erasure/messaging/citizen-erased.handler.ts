import { Injectable, Logger } from '@nestjs/common';
import type { CitizenErasedV1 } from '@civitas/contracts';
import { OnEvent, type EventContext, type EventHandler } from '@civitas/messaging';
import { CitizenDataRepository } from '../citizen-data.repository.js';
import { CasesConsumers } from '../../messaging/index.js';

/** A resident was erased: cases keep the cases, not who reported them. */
@Injectable()
@OnEvent(CasesConsumers.eraseCitizen)
export class CitizenErasedHandler implements EventHandler<CitizenErasedV1> {
  private readonly logger = new Logger(CitizenErasedHandler.name);

  constructor(private readonly repository: CitizenDataRepository) {}

  async handle(payload: CitizenErasedV1, { tx }: EventContext<CitizenErasedV1>): Promise<void> {
    const erased = await this.repository.erase(tx, payload.citizenId);
    this.logger.log({ msg: 'resident erased from cases', citizenId: payload.citizenId, ...erased });
  }
}
