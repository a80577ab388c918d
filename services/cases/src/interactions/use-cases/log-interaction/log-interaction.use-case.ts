import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { Channel, InteractionLogged, type InteractionVisibility } from '@civitas/contracts';
import { UnitOfWork } from '@civitas/messaging';
import { CaseReadScope, CaseRepository } from '../../../cases/index.js';
import { TimelineKind, Visibility, TimelineRepository } from '../../../timeline/index.js';
import type { InteractionEntity } from '../../interaction.entity.js';
import { InteractionRepository } from '../../interaction.repository.js';

export interface LogInteractionCommand {
  ticketNumber: string;
  channel: Channel;
  summary: string;
  visibility?: InteractionVisibility;
  citizenId?: string | null;
  loggedBy?: string | null;
  idempotencyKey?: string | null;
}

export type LogInteractionOutcome =
  { found: false } | { found: true; interaction: InteractionEntity; ticketNumber: string };

const CHANNEL_LABEL: Record<Channel, string> = {
  [Channel.PHONE]: 'Phone call',
  [Channel.WALK_IN]: 'Walk-in visit',
  [Channel.LETTER]: 'Letter',
  [Channel.EMAIL]: 'E-mail',
  [Channel.WEB]: 'Web',
  [Channel.MOBILE]: 'Mobile app',
  [Channel.OPEN311]: 'Open311 client',
  [Channel.LEGACY_IMPORT]: 'Legacy system',
};

/**
 * Records a contact about an existing case: the interaction, a timeline entry (internal unless
 * said otherwise) and `interaction-logged`, in one transaction. The same idempotency key again
 * answers the interaction already logged.
 */
@Injectable()
export class LogInteractionUseCase {
  private readonly logger = new Logger(LogInteractionUseCase.name);

  constructor(
    private readonly uow: UnitOfWork,
    private readonly cases: CaseRepository,
    private readonly interactions: InteractionRepository,
    private readonly timeline: TimelineRepository,
  ) {}

  async execute(command: LogInteractionCommand): Promise<LogInteractionOutcome> {
    const ticketNumber = command.ticketNumber.trim().toUpperCase();
    const outcome = await this.uow.run(async (tx): Promise<LogInteractionOutcome> => {
      // Staff (the resolver's roles) or intake's e-mail triage: any case, private ones too.
      const found = await this.cases.lockByTicket(tx, ticketNumber, CaseReadScope.ALL);
      if (!found) {
        return { found: false };
      }
      if (command.idempotencyKey) {
        const existing = await this.interactions.byIdempotencyKey(tx, command.idempotencyKey);
        if (existing) {
          return { found: true, interaction: existing, ticketNumber };
        }
      }
      const at = new Date();
      const interaction = await this.interactions.record(tx, {
        id: randomUUID(),
        caseId: found.id,
        channel: command.channel,
        summary: command.summary.trim(),
        visibility: command.visibility ?? 'INTERNAL',
        citizenId: command.citizenId ?? null,
        loggedBy: command.loggedBy ?? null,
        idempotencyKey: command.idempotencyKey ?? null,
        at,
      });
      await this.timeline.append(tx, {
        caseId: found.id,
        kind: TimelineKind.Interaction,
        summary: `${CHANNEL_LABEL[interaction.channel]}: ${interaction.summary}`,
        caseStatus: found.status,
        visibility: interaction.visibility === 'PUBLIC' ? Visibility.Public : Visibility.Internal,
        at,
      });
      await this.cases.touch(tx, found.id, at);
      await tx.emit(InteractionLogged, {
        interactionId: interaction.id,
        caseId: found.id,
        ticketNumber,
        channel: interaction.channel,
        visibility: interaction.visibility,
        citizenId: interaction.citizenId,
        loggedBy: interaction.loggedBy,
        loggedAt: at.toISOString(),
      });
      return { found: true, interaction, ticketNumber };
    });
    if (outcome.found) {
      this.logger.log({
        msg: 'interaction logged',
        ticketNumber,
        channel: command.channel,
        interactionId: outcome.interaction.id,
      });
    }
    return outcome;
  }
}
