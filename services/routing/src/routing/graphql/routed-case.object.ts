import { Directive, Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Priority } from '@civitas/contracts';

@ObjectType('Queue')
export class QueueObject {
  @Field()
  code: string;

  @Field()
  name: string;
}

@ObjectType('Sla', { description: 'The service-level target a case is held to.' })
export class SlaObject {
  @Field(() => Priority)
  priority: Priority;

  @Field(() => Int)
  targetHours: number;

  @Field()
  dueAt: Date;

  @Field({ description: 'True when the case is past its due time (as of this query).' })
  overdue: boolean;
}

/** Routing's view of a case: who owns it and by when. */
@ObjectType('Case')
@Directive('@key(fields: "id")')
export class RoutedCaseObject {
  @Field(() => ID)
  id: string;
}
