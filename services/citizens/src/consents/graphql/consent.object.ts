import { Field, ObjectType, registerEnumType } from '@nestjs/graphql';
import type { ConsentEventEntity } from '../consent-event.entity.js';
import type { ConsentEntity } from '../consent.entity.js';
import type { ConsentAnswer } from '../consent.policy.js';

export enum ConsentChannelValue {
  EMAIL = 'EMAIL',
  SMS = 'SMS',
  PHONE = 'PHONE',
  POST = 'POST',
}
registerEnumType(ConsentChannelValue, {
  name: 'ConsentChannel',
  description: 'A way we may contact a resident.',
});

export enum ConsentPurposeValue {
  STATUS_UPDATES = 'STATUS_UPDATES',
  SURVEYS = 'SURVEYS',
  SERVICE_ANNOUNCEMENTS = 'SERVICE_ANNOUNCEMENTS',
}
registerEnumType(ConsentPurposeValue, {
  name: 'ConsentPurpose',
  description: 'What we may contact a resident about.',
});

export enum ConsentSourceValue {
  SELF_SERVICE = 'SELF_SERVICE',
  PHONE = 'PHONE',
  EMAIL = 'EMAIL',
  LETTER = 'LETTER',
  WALK_IN = 'WALK_IN',
  WEB = 'WEB',
  REPORTING = 'REPORTING',
}
registerEnumType(ConsentSourceValue, {
  name: 'ConsentSource',
  description:
    'How the consent was given or withdrawn: by the resident signed in (SELF_SERVICE), or told to staff.',
  valuesMap: {
    REPORTING: {
      description:
        'Not recorded: a contact given when reporting allows updates about their reports on it, until they say no. Only shown, never accepted by setConsent.',
    },
  },
});

@ObjectType('Consent', {
  description:
    'The current answer for one channel and purpose: recorded, or given by reporting (source REPORTING).',
})
export class ConsentObject {
  @Field(() => ConsentChannelValue)
  channel: ConsentChannelValue;

  @Field(() => ConsentPurposeValue)
  purpose: ConsentPurposeValue;

  @Field({ description: 'True when given, false when withdrawn.' })
  granted: boolean;

  @Field(() => ConsentSourceValue)
  source: ConsentSourceValue;

  @Field()
  updatedAt: Date;

  static from(entity: ConsentEntity | ConsentAnswer): ConsentObject {
    return Object.assign(new ConsentObject(), {
      channel: entity.channel as ConsentChannelValue,
      purpose: entity.purpose as ConsentPurposeValue,
      granted: entity.granted,
      source: entity.source as ConsentSourceValue,
      updatedAt: entity.updatedAt,
    });
  }
}

@ObjectType('ConsentChange', { description: 'A consent given or withdrawn, as it happened.' })
export class ConsentChangeObject {
  @Field(() => ConsentChannelValue)
  channel: ConsentChannelValue;

  @Field(() => ConsentPurposeValue)
  purpose: ConsentPurposeValue;

  @Field()
  granted: boolean;

  @Field(() => ConsentSourceValue)
  source: ConsentSourceValue;

  @Field(() => String, {
    nullable: true,
    description: "Who recorded it: the staff member's or the resident's sign-in subject.",
  })
  recordedBy: string | null;

  @Field()
  at: Date;

  static from(entity: ConsentEventEntity): ConsentChangeObject {
    return Object.assign(new ConsentChangeObject(), {
      channel: entity.channel as ConsentChannelValue,
      purpose: entity.purpose as ConsentPurposeValue,
      granted: entity.granted,
      source: entity.source as ConsentSourceValue,
      recordedBy: entity.recordedBy,
      at: entity.at,
    });
  }
}
