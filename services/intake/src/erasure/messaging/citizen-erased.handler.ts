import { Injectable, Logger } from '@nestjs/common';
import type { CitizenErasedV1 } from '@civitas/contracts';
import { OnEvent, type EventContext, type EventHandler } from '@civitas/messaging';
import { ReplySender } from '../../email/index.js';
import { CitizenDataRepository } from '../citizen-data.repository.js';
import { IntakeConsumers } from '../../messaging/index.js';

/**
 * A resident was erased: their submissions keep channel, service and time, not what they wrote; in
 * development the `.eml` files of replies to them are deleted too.
 */
@Injectable()
@OnEvent(IntakeConsumers.eraseCitizen)
export class CitizenErasedHandler implements EventHandler<CitizenErasedV1> {
  private readonly logger = new Logger(CitizenErasedHandler.name);

  constructor(
    private readonly repository: CitizenDataRepository,
    private readonly replies: ReplySender,
  ) {}

  async handle(payload: CitizenErasedV1, { tx }: EventContext<CitizenErasedV1>): Promise<void> {
    const blanked = await this.repository.erase(tx, payload.citizenId, new Date(payload.erasedAt));
    await this.replies.forget(blanked);
    this.logger.log({
      msg: 'resident erased from intake',
      citizenId: payload.citizenId,
      blanked: blanked.length,
    });
  }
}
