import { Field, Float, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { CitizenObject } from '../../citizens/index.js';
import type { PossibleMatchEntity } from '../../matching/index.js';

export enum PossibleMatchStatusValue {
  PENDING = 'PENDING',
  ACCEPTED = 'ACCEPTED',
  REJECTED = 'REJECTED',
}
registerEnumType(PossibleMatchStatusValue, { name: 'PossibleMatchStatus' });

@ObjectType('PossibleMatch', {
  description:
    'A new resident who may be one already known (name and address scored in the review band).',
})
export class PossibleMatchObject {
  @Field(() => ID)
  id: string;

  @Field(() => CitizenObject, { description: 'The resident created for the contact.' })
  citizen: CitizenObject;

  @Field(() => CitizenObject, { description: 'The resident they may be.' })
  candidate: CitizenObject;

  @Field(() => Float, { description: 'Match score, 0 to 1.' })
  score: number;

  @Field(() => PossibleMatchStatusValue)
  status: PossibleMatchStatusValue;

  @Field()
  createdAt: Date;

  @Field(() => Date, { nullable: true })
  resolvedAt: Date | null;

  @Field(() => String, { nullable: true })
  resolvedBy: string | null;

  @Field(() => ID, { nullable: true, description: 'The merge an acceptance made.' })
  mergeId: string | null;

  static from(
    entity: PossibleMatchEntity,
    citizen: CitizenObject,
    candidate: CitizenObject,
  ): PossibleMatchObject {
    return Object.assign(new PossibleMatchObject(), {
      id: entity.id,
      citizen,
      candidate,
      score: entity.score,
      status: entity.status as PossibleMatchStatusValue,
      createdAt: entity.createdAt,
      resolvedAt: entity.resolvedAt,
      resolvedBy: entity.resolvedBy,
      mergeId: entity.mergeId,
    });
  }
}
