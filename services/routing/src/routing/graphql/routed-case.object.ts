import { Directive, Field, ID, ObjectType } from '@nestjs/graphql';

/** Routing's view of a case: who owns it and by when. */
@ObjectType('Case')
@Directive('@key(fields: "id")')
export class RoutedCaseObject {
  @Field(() => ID)
  id: string;
}
