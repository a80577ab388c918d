import { Directive, Field, ID, ObjectType } from '@nestjs/graphql';
import type { CitizenEntity } from '../citizen.entity.js';

const PII =
  'Personal data: agents, caseworkers, supervisors and admins only; every read is audited.';

/** A resident. Its personal fields are resolved (and decrypted) only for PII readers. */
@ObjectType('Citizen', { description: 'A resident known to government.' })
@Directive('@key(fields: "id")')
export class CitizenObject {
  @Field(() => ID)
  id: string;

  @Field(() => String, { nullable: true, description: PII })
  firstName?: string | null;

  @Field(() => String, { nullable: true, description: PII })
  lastName?: string | null;

  @Field(() => String, { nullable: true, description: PII })
  email?: string | null;

  @Field(() => String, { nullable: true, description: PII })
  phone?: string | null;

  @Field()
  createdAt: Date;

  /** The stored row, sealed values included; decrypted field by field after the access check. */
  entity: CitizenEntity;

  static from(entity: CitizenEntity): CitizenObject {
    return Object.assign(new CitizenObject(), {
      id: entity.id,
      createdAt: entity.createdAt,
      entity,
    });
  }
}
