import { Directive, Field, ID, ObjectType } from '@nestjs/graphql';

/** The cases subgraph's Case, as far as citizens needs it: who reported it. */
@ObjectType('Case')
@Directive('@key(fields: "id")')
export class ReportedCaseObject {
  @Field(() => ID)
  id: string;

  @Field(() => ID, { nullable: true })
  @Directive('@external')
  reporterId?: string | null;
}
