import { Directive, Field, ID, ObjectType } from '@nestjs/graphql';

/** The citizens subgraph's Citizen, as far as intake needs it (to add `submissions`). */
@ObjectType('Citizen')
@Directive('@key(fields: "id")')
export class CitizenReference {
  @Field(() => ID)
  id: string;
}
