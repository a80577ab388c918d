import { Directive, Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import type { CitizenEntity } from '../citizen.entity.js';

export const PII_DESCRIPTION =
  'Personal data: agents, caseworkers, supervisors and admins only; every read is audited.';

export enum CitizenKindValue {
  PERSON = 'PERSON',
  ORGANIZATION = 'ORGANIZATION',
}
registerEnumType(CitizenKindValue, {
  name: 'CitizenKind',
  description: 'A person, or a business or other organisation.',
});

export enum ContactPointKindValue {
  EMAIL = 'EMAIL',
  PHONE = 'PHONE',
  POSTAL = 'POSTAL',
}
registerEnumType(ContactPointKindValue, { name: 'ContactPointKind' });

@ObjectType('ContactPoint', { description: 'One way to reach a resident.' })
export class ContactPointObject {
  @Field(() => ContactPointKindValue)
  kind: ContactPointKindValue;

  @Field({
    description: 'An e-mail address, a phone number (E.164 when it parsed) or a postal address.',
  })
  value: string;

  @Field()
  addedAt: Date;
}

@ObjectType('IdentityLink', { description: "The resident's id in a legacy system." })
export class IdentityLinkObject {
  @Field()
  sourceSystem: string;

  @Field()
  sourceId: string;
}

/** A resident. Its personal fields are resolved (and decrypted) only for PII readers. */
@ObjectType('Citizen', { description: 'A resident or organisation known to government.' })
@Directive('@key(fields: "id")')
export class CitizenObject {
  @Field(() => ID)
  id: string;

  @Field(() => CitizenKindValue)
  kind: CitizenKindValue;

  @Field(() => String, { nullable: true, description: PII_DESCRIPTION })
  firstName?: string | null;

  @Field(() => String, { nullable: true, description: PII_DESCRIPTION })
  lastName?: string | null;

  @Field(() => String, {
    nullable: true,
    description: `An organisation's name. ${PII_DESCRIPTION}`,
  })
  organisationName?: string | null;

  @Field(() => String, { nullable: true, description: `The primary e-mail. ${PII_DESCRIPTION}` })
  email?: string | null;

  @Field(() => String, { nullable: true, description: `The primary phone. ${PII_DESCRIPTION}` })
  phone?: string | null;

  @Field(() => [ContactPointObject], {
    nullable: true,
    description: `Every known e-mail, phone and postal address. ${PII_DESCRIPTION}`,
  })
  contactPoints?: ContactPointObject[] | null;

  @Field(() => [IdentityLinkObject], { nullable: true, description: PII_DESCRIPTION })
  identityLinks?: IdentityLinkObject[] | null;

  @Field(() => String, { nullable: true, description: 'BCP 47 tag, e.g. en or es.' })
  preferredLanguage: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'Set when staff merged this record into another: use that one.',
  })
  mergedIntoId: string | null;

  @Field()
  createdAt: Date;

  /** The stored row, sealed values included; decrypted field by field after the access check. */
  entity: CitizenEntity;

  static from(entity: CitizenEntity): CitizenObject {
    return Object.assign(new CitizenObject(), {
      id: entity.id,
      kind: entity.kind as CitizenKindValue,
      preferredLanguage: entity.preferredLanguage,
      mergedIntoId: entity.mergedInto,
      createdAt: entity.createdAt,
      entity,
    });
  }
}
