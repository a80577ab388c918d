import {
  IsBoolean,
  IsEnum,
  IsIn,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
} from 'class-validator';
import { defineEvent, defineRequest } from '../contract.js';
import { Channel } from '../enums.js';

export const INTERACTION_VISIBILITIES = ['PUBLIC', 'INTERNAL'] as const;
export type InteractionVisibility = (typeof INTERACTION_VISIBILITIES)[number];

/** A contact about an existing case (an e-mail quoting its ticket number), recorded on its timeline. */
export class LogInteractionRequest {
  @IsString()
  @IsNotEmpty()
  ticketNumber: string;

  @IsEnum(Channel)
  channel: Channel;

  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  summary: string;

  @IsOptional()
  @IsIn(INTERACTION_VISIBILITIES as unknown as string[])
  visibility?: InteractionVisibility;

  @IsOptional()
  @IsUUID()
  citizenId?: string;

  /** The same key again (a relay re-delivering one message) logs nothing new. */
  @IsOptional()
  @IsString()
  @MaxLength(500)
  idempotencyKey?: string;
}

export class LogInteractionReply {
  /** False when no case has this ticket number. */
  @IsBoolean()
  found: boolean;

  @IsOptional()
  @IsUUID()
  caseId?: string;

  @IsOptional()
  @IsUUID()
  interactionId?: string;
}

export const LogInteraction = defineRequest(
  'cases.cmd.log-interaction.v1',
  LogInteractionRequest,
  LogInteractionReply,
  ['intake'],
);

/**
 * A call, visit, letter or e-mail about a case was recorded. The summary stays in cases (it may
 * name people); consumers learn that it happened, how, and who it concerned.
 */
export class InteractionLoggedV1 {
  @IsUUID()
  interactionId: string;

  @IsUUID()
  caseId: string;

  @IsString()
  ticketNumber: string;

  @IsEnum(Channel)
  channel: Channel;

  @IsIn(INTERACTION_VISIBILITIES as unknown as string[])
  visibility: InteractionVisibility;

  @IsOptional()
  @IsUUID()
  citizenId?: string | null;

  /** The staff member who logged it (their subject), or null when a channel did (e-mail). */
  @IsOptional()
  @IsString()
  loggedBy?: string | null;

  @IsISO8601({ strict: true })
  loggedAt: string;
}

export const InteractionLogged = defineEvent(
  'cases.evt.interaction-logged.v1',
  InteractionLoggedV1,
);
