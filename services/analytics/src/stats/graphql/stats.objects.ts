import { Field, Float, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('CaseStatsKey', {
  description: 'What a row of figures is about; a dimension not grouped by is null.',
})
export class CaseStatsKeyObject {
  @Field(() => String, { nullable: true })
  department: string | null;

  @Field(() => String, { nullable: true })
  service: string | null;

  @Field(() => String, { nullable: true })
  district: string | null;

  @Field(() => String, { nullable: true })
  channel: string | null;

  @Field(() => String, { nullable: true })
  priority: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'First day of the period (YYYY-MM-DD); null without an interval.',
  })
  period: string | null;
}

@ObjectType('CaseStatsRow', {
  description:
    'Figures for one key. A figure that cannot be computed (a median without closures) is null, never 0.',
})
export class CaseStatsRowObject {
  @Field(() => CaseStatsKeyObject)
  key: CaseStatsKeyObject;

  @Field(() => Int, { description: 'Cases opened in the period (a duplicate is not counted).' })
  received: number;

  @Field(() => Int, { description: 'Cases closed in the period (their last closure).' })
  closed: number;

  @Field(() => Int, { description: 'Of the cases received in the period, those open now.' })
  open: number;

  @Field(() => Int, { description: 'Reopenings in the period.' })
  reopened: number;

  @Field(() => Float, {
    nullable: true,
    description:
      'Median hours from opening to closure of the cases closed in the period (original times for imported history).',
  })
  medianHoursToClose: number | null;

  @Field(() => Float, { nullable: true, description: '90th percentile of the same.' })
  p90HoursToClose: number | null;

  @Field(() => Int, { description: 'Closures in the period by their due time.' })
  slaMet: number;

  @Field(() => Int, { description: 'Closures in the period after their due time.' })
  slaMissed: number;

  @Field(() => Float, {
    nullable: true,
    description: 'slaMet out of the closures with a due time, in percent; null without any.',
  })
  slaMetPercent: number | null;

  @Field(() => Int, {
    description: 'Of the cases received in the period, those open and past their due time now.',
  })
  overdueNow: number;

  @Field(() => Float, {
    nullable: true,
    description:
      'Mean score (1 to 5) of the closure survey answers given in the period; null without any.',
  })
  satisfactionAverage: number | null;

  @Field(() => Int, {
    description: 'Closure survey answers given in the period (a case counts its latest answer).',
  })
  satisfactionResponses: number;

  @Field(() => Int, {
    description:
      'Cases escalated in the period: found open past their due time by the deadline timer, which raised their priority a step and told the department (counted on the day it did).',
  })
  escalated: number;
}

@ObjectType('BacklogPoint', { description: 'The backlog at the end of a period.' })
export class BacklogPointObject {
  @Field(() => String, {
    nullable: true,
    description: 'First day of the period (YYYY-MM-DD); null without an interval.',
  })
  period: string | null;

  @Field({ description: 'The day at whose end the backlog is counted (YYYY-MM-DD).' })
  endsOn: string;

  @Field(() => Int, { description: 'Cases open at the end of that day.' })
  open: number;

  @Field(() => Int, { description: 'Of those, cases past their due time by then.' })
  overdue: number;
}

@ObjectType('DemandCell', {
  description: "Cases received in one hour of one day of the week, in the jurisdiction's zone.",
})
export class DemandCellObject {
  @Field(() => Int, { description: '0 = Sunday, 1 = Monday, ... 6 = Saturday.' })
  dayOfWeek: number;

  @Field(() => Int, { description: 'Hour of the day, 0 to 23, local time.' })
  hour: number;

  @Field(() => Int)
  received: number;
}

@ObjectType('HotSpot', {
  description: 'A grid cell with many cases; its centre, never a case location.',
})
export class HotSpotObject {
  @Field(() => Float, { description: "Latitude of the cell's centre." })
  latitude: number;

  @Field(() => Float, { description: "Longitude of the cell's centre." })
  longitude: number;

  @Field(() => Int)
  received: number;

  @Field(() => [String], { description: 'Its most frequent service codes (up to 3), most first.' })
  topServices: string[];
}
