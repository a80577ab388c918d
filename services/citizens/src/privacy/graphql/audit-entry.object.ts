import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import type { PiiAccessAuditEntity } from '../pii-access-audit.entity.js';

@ObjectType('PiiAccessAuditEntry', {
  description: "One read (or refused read) of a resident's personal data.",
})
export class AuditEntryObject {
  @Field(() => ID)
  id: string;

  @Field()
  at: Date;

  @Field(() => String, {
    nullable: true,
    description: 'Token subject of the reader; null when anonymous.',
  })
  actorSub: string | null;

  @Field(() => [String])
  actorRoles: string[];

  @Field(() => ID, {
    nullable: true,
    description:
      'The resident whose data was asked for; null only on folded anonymous refusals of several residents.',
  })
  citizenId: string | null;

  @Field(() => [String], { description: 'The personal fields read.' })
  fields: string[];

  @Field(() => String, { nullable: true, description: 'The purpose the reader stated.' })
  purpose: string | null;

  @Field({ description: 'GRANTED or DENIED.' })
  outcome: string;

  @Field(() => Int, {
    description:
      'How many refusals this entry stands for: repeated refusals in a window are folded into one entry (1 for every read).',
  })
  occurrences: number;

  @Field(() => Date, {
    nullable: true,
    description: 'The last of the folded refusals (`at` is the first); null when occurrences is 1.',
  })
  lastAt: Date | null;

  static from(entity: PiiAccessAuditEntity): AuditEntryObject {
    return Object.assign(new AuditEntryObject(), {
      id: entity.id,
      at: entity.at,
      actorSub: entity.actorSub,
      actorRoles: entity.actorRoles,
      citizenId: entity.citizenId,
      fields: entity.fields,
      purpose: entity.purpose,
      outcome: entity.outcome,
      occurrences: entity.occurrences,
      lastAt: entity.lastAt,
    });
  }
}
