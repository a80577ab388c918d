import { Field, ObjectType } from '@nestjs/graphql';
import type { CaseLegacyOriginEntity } from '../../legacy-origins/index.js';

@ObjectType('LegacyOrigin', { description: 'Where an imported historical case came from.' })
export class LegacyOriginObject {
  @Field({ description: 'e.g. nyc311, la311, ottawa311.' })
  sourceSystem: string;

  @Field({ description: "The record's id in that system." })
  sourceId: string;

  @Field({ description: 'Its status there, as mapped on import.' })
  sourceStatus: string;

  @Field(() => String, { nullable: true })
  agency: string | null;

  @Field(() => String, { nullable: true, description: "The source system's own category." })
  category: string | null;

  static from(entity: CaseLegacyOriginEntity): LegacyOriginObject {
    return Object.assign(new LegacyOriginObject(), {
      sourceSystem: entity.sourceSystem,
      sourceId: entity.sourceId,
      sourceStatus: entity.sourceStatus,
      agency: entity.agency,
      category: entity.category,
    });
  }
}
