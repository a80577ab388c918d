import { Field, ID, InputType } from '@nestjs/graphql';
import { IsBoolean, IsEnum, IsIn, IsOptional, IsUUID } from 'class-validator';
import { CONSENT_SOURCES, type ConsentSource } from '../consent-event.entity.js';
import { ConsentChannelValue, ConsentPurposeValue, ConsentSourceValue } from './consent.object.js';

@InputType('SetConsentInput')
export class SetConsentInput {
  @Field(() => ID, {
    nullable: true,
    description: 'The resident (staff must give it; a signed-in resident may leave it out).',
  })
  @IsOptional()
  @IsUUID()
  citizenId?: string | null;

  @Field(() => ConsentChannelValue)
  @IsEnum(ConsentChannelValue)
  channel: ConsentChannelValue;

  @Field(() => ConsentPurposeValue)
  @IsEnum(ConsentPurposeValue)
  purpose: ConsentPurposeValue;

  @Field({ description: 'True to give consent, false to withdraw it.' })
  @IsBoolean()
  granted: boolean;

  @Field(() => ConsentSourceValue, {
    nullable: true,
    description:
      'How the resident told you (staff: required; not REPORTING, which is never recorded). A resident is always SELF_SERVICE.',
  })
  @IsOptional()
  // REPORTING is an answer the policy shows, not one anybody records.
  @IsIn(CONSENT_SOURCES, { message: `must be one of ${CONSENT_SOURCES.join(', ')}` })
  source?: ConsentSource | null;
}
