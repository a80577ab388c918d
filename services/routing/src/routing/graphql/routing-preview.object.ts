import { Field, Int, ObjectType } from '@nestjs/graphql';
import { Priority, SlaClock } from '@civitas/contracts';

@ObjectType('RoutingPreview', {
  description: 'What routing would decide for a case; nothing is created.',
})
export class RoutingPreviewObject {
  @Field()
  departmentCode: string;

  @Field()
  queueCode: string;

  @Field(() => Priority)
  priority: Priority;

  @Field(() => Int, { description: 'The target the due time is computed from.' })
  slaHours: number;

  @Field(() => SlaClock, { description: 'How the hours are counted (docs/adr/0054).' })
  slaClock: SlaClock;

  @Field({ description: "In the owning department's calendar." })
  dueAt: Date;

  @Field({ description: 'When 80% of the target has gone by, in the same clock.' })
  atRiskAt: Date;

  @Field(() => String, {
    nullable: true,
    description: 'The code of the district holding the location; null without one or outside all.',
  })
  district: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Null when no rule matched, or when the unsaved new rule of the input decided.',
  })
  ruleId: string | null;

  @Field(() => String, {
    nullable: true,
    description: "The rule that decided; null when none matched and the service's default applied.",
  })
  ruleName: string | null;
}
