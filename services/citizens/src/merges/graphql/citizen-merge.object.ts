import { Field, ID, ObjectType } from '@nestjs/graphql';
import type { CitizenMergeEntity } from '../citizen-merge.entity.js';

@ObjectType('CitizenMerge', { description: 'Two records staff found to be one resident.' })
export class CitizenMergeObject {
  @Field(() => ID)
  id: string;

  @Field(() => ID, { description: 'The record that remains.' })
  survivorId: string;

  @Field(() => ID, { description: 'The record folded into it (kept, pointing at the survivor).' })
  mergedId: string;

  @Field()
  reason: string;

  @Field()
  mergedBy: string;

  @Field()
  mergedAt: Date;

  @Field(() => String, { nullable: true })
  unmergedBy: string | null;

  @Field(() => Date, { nullable: true, description: 'Set when the merge was undone.' })
  unmergedAt: Date | null;

  static from(entity: CitizenMergeEntity): CitizenMergeObject {
    return Object.assign(new CitizenMergeObject(), {
      id: entity.id,
      survivorId: entity.survivorId,
      mergedId: entity.mergedId,
      reason: entity.reason,
      mergedBy: entity.mergedBy,
      mergedAt: entity.mergedAt,
      unmergedBy: entity.unmergedBy,
      unmergedAt: entity.unmergedAt,
    });
  }
}
