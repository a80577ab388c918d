import { Field, Int, ObjectType } from '@nestjs/graphql';
import { Priority, SlaClock, SlaState } from '@civitas/contracts';

@ObjectType('Sla', {
  description:
    'The service-level target a case is held to, and where it stands against it as of the query.',
})
export class CaseSlaObject {
  @Field({
    description:
      'When the target falls due. While the clock is paused on hold (pausedSince), the due time it had when paused, until it resumes and is moved on by the time that was left.',
  })
  dueAt: Date;

  @Field({ description: 'From when the case is AT_RISK: 80% of the target, counted in its clock.' })
  atRiskAt: Date;

  @Field(() => Date, {
    nullable: true,
    description:
      'Since when the clock is paused: the case is ON_HOLD and its service pauses on hold. Null while the clock runs (or after it resumed); kept on a case closed while paused, which MET its target.',
  })
  pausedSince: Date | null;

  @Field(() => SlaClock, {
    description:
      "BUSINESS: hours in the department's business calendar; CALENDAR: around the clock.",
  })
  clock: SlaClock;

  @Field(() => Int, { description: 'The target, in hours of `clock`.' })
  hours: number;

  @Field(() => SlaState, {
    description:
      'Open cases: ON_TRACK, AT_RISK (from atRiskAt) or OVERDUE (after dueAt), or while paused the state they had when paused (never OVERDUE); closed ones MET (closed by dueAt, or while paused) or MISSED.',
  })
  state: SlaState;

  @Field(() => Int, {
    description:
      "Calendar minutes from now to dueAt, negative once overdue; for a closed case, from its closing (so it no longer changes); while paused, the minutes of the target's clock (business minutes for BUSINESS) left when it was paused, frozen.",
  })
  remainingMinutes: number;

  @Field(() => Priority)
  priority: Priority;

  @Field(() => Int, { deprecationReason: 'Use hours, read with clock.' })
  targetHours: number;

  @Field({ deprecationReason: 'Use state (OVERDUE).' })
  overdue: boolean;
}
