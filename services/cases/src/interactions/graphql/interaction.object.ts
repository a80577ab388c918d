import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Channel } from '@civitas/contracts';
import type { InteractionEntity } from '../interaction.entity.js';

// Keys equal values: GraphQL shows the keys.
export enum InteractionVisibility {
  PUBLIC = 'PUBLIC',
  INTERNAL = 'INTERNAL',
}

registerEnumType(InteractionVisibility, {
  name: 'InteractionVisibility',
  description: 'PUBLIC: the resident sees it on the case; INTERNAL: staff only.',
});

@ObjectType('Interaction', {
  description: 'A call, visit, letter or e-mail about a case, as logged.',
})
export class InteractionObject {
  @Field(() => ID)
  id: string;

  @Field()
  ticketNumber: string;

  @Field(() => Channel)
  channel: Channel;

  @Field()
  summary: string;

  @Field(() => InteractionVisibility)
  visibility: InteractionVisibility;

  @Field(() => ID, { nullable: true, description: 'The resident who called or wrote, when known.' })
  citizenId: string | null;

  @Field()
  loggedAt: Date;

  static from(entity: InteractionEntity, ticketNumber: string): InteractionObject {
    return Object.assign(new InteractionObject(), {
      id: entity.id,
      ticketNumber,
      channel: entity.channel,
      summary: entity.summary,
      visibility: entity.visibility as InteractionVisibility,
      citizenId: entity.citizenId,
      loggedAt: entity.at,
    });
  }
}
