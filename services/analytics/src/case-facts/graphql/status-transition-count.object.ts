import { Field, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('StatusTransitionCount', {
  description: 'How many times cases moved from one status to another.',
})
export class StatusTransitionCountObject {
  @Field({ description: 'The status the cases left (NEW, OPEN, IN_PROGRESS, ON_HOLD, CLOSED).' })
  from: string;

  @Field({ description: 'The status they moved to. NEW -> OPEN is routing opening a case.' })
  to: string;

  @Field(() => Int)
  count: number;
}
