import { Injectable } from '@nestjs/common';
import {
  LogInteraction,
  type LogInteractionReply,
  type LogInteractionRequest,
} from '@civitas/contracts';
import { OnRequest, type RequestHandler } from '@civitas/messaging';
import { LogInteractionUseCase } from '../use-cases/log-interaction/log-interaction.use-case.js';

/** Intake's e-mail receiver logs a message that quotes a ticket number on that case. */
@Injectable()
@OnRequest(LogInteraction)
export class LogInteractionHandler implements RequestHandler<
  LogInteractionRequest,
  LogInteractionReply
> {
  constructor(private readonly logInteraction: LogInteractionUseCase) {}

  async handle(request: LogInteractionRequest): Promise<LogInteractionReply> {
    const outcome = await this.logInteraction.execute({ ...request, loggedBy: null });
    return outcome.found
      ? { found: true, caseId: outcome.interaction.caseId, interactionId: outcome.interaction.id }
      : { found: false };
  }
}
