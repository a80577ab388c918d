import { Field, ID, InputType } from '@nestjs/graphql';
import { Channel } from '@civitas/contracts';
import { IsEnum, IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { InteractionVisibility } from './interaction.object.js';

/** What staff log through the graph; e-mails are logged by intake's receiver. */
export const STAFF_INTERACTION_CHANNELS = [Channel.PHONE, Channel.WALK_IN, Channel.LETTER] as const;

@InputType()
export class LogInteractionInput {
  @Field({ description: 'The case the contact was about, e.g. SR-2026-0000123.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  ticketNumber: string;

  @Field(() => Channel, { description: 'PHONE, WALK_IN or LETTER.' })
  @IsIn(STAFF_INTERACTION_CHANNELS as unknown as string[], {
    message: 'channel must be PHONE, WALK_IN or LETTER',
  })
  channel: Channel;

  @Field({ description: 'What was said or written, in a few lines.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  summary: string;

  @Field(() => InteractionVisibility, { defaultValue: InteractionVisibility.INTERNAL })
  @IsEnum(InteractionVisibility)
  visibility: InteractionVisibility = InteractionVisibility.INTERNAL;

  @Field(() => ID, {
    nullable: true,
    description: 'The caller, when found (query `findCitizensByContact`).',
  })
  @IsOptional()
  @IsUUID()
  citizenId?: string;
}
