import { Field, Int, ObjectType } from '@nestjs/graphql';
import { Priority, SlaClock, SlaState } from '@civitas/contracts';

@ObjectType('Sla', {
  description:
    'The service-level target a case is held to, and where it stands against it as of the query.',
})
export class CaseSlaObject {
  @Field({ description: 'When the target falls due.' })
  dueAt: Date;

  @Field({ description: 'From when the case is AT_RISK: 80% of the target, counted in its clock.' })
  atRiskAt: Date;

  @Field(() => SlaClock, {
    description:
      "BUSINESS: hours in the department's business calendar; CALENDAR: around the clock.",
  })
  clock: SlaClock;

  @Field(() => Int, { description: 'The target, in hours of `clock`.' })
  hours: number;

  @Field(() => SlaState, {
    description:
      'Open cases: ON_TRACK, AT_RISK (from atRiskAt) or OVERDUE (after dueAt); closed ones MET (closed by dueAt) or MISSED.',
  })
  state: SlaState;

  @Field(() => Int, {
    description:
      'Calendar minutes from now to dueAt, negative once overdue; for a closed case, from its closing (so it no longer changes).',
  })
  remainingMinutes: number;

  @Field(() => Priority)
  priority: Priority;

  @Field(() => Int, { deprecationReason: 'Use hours, read with clock.' })
  targetHours: number;

  @Field({ deprecationReason: 'Use state (OVERDUE).' })
  overdue: boolean;
}
