import { Field, InputType, registerEnumType } from '@nestjs/graphql';
import { Channel, Priority } from '@civitas/contracts';
import { ArrayMaxSize, IsBoolean, IsEnum, IsOptional, IsString, MaxLength } from 'class-validator';
import { StatsDimension, StatsInterval } from '../stats-filter.js';

registerEnumType(StatsDimension, {
  name: 'StatsDimension',
  description: 'What case figures are grouped by.',
  valuesMap: {
    DEPARTMENT: { description: 'The department owning the case; "unrouted" until routed.' },
    SERVICE: { description: 'The service code.' },
    DISTRICT: { description: 'The district the case is in; "unknown" without a location in one.' },
    CHANNEL: { description: 'How the case reached government.' },
    PRIORITY: { description: 'The priority routing gave it; "unknown" until routed.' },
  },
});

registerEnumType(StatsInterval, {
  name: 'StatsInterval',
  description:
    "Periods of the jurisdiction's calendar (ANALYTICS_TIME_ZONE); weeks start on Monday.",
});

const MAX_CODES = 500;

@InputType('CaseStatsFilter', {
  description:
    "Which cases a figure counts. Days are the jurisdiction's local days, both ends included; each figure is counted on the day of its own event (received on the opening day, closed on the closure day, reopened on the reopening day). A list left out or empty means any.",
})
export class StatsFilterInput {
  @Field(() => String, { nullable: true, description: 'First day, YYYY-MM-DD (included).' })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  from?: string | null;

  @Field(() => String, { nullable: true, description: 'Last day, YYYY-MM-DD (included).' })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  to?: string | null;

  @Field(() => [String], {
    nullable: true,
    description:
      'Department codes ("unrouted" for cases not yet routed). Supervisors: theirs only.',
  })
  @IsOptional()
  @ArrayMaxSize(MAX_CODES)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  departmentCodes?: string[] | null;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(MAX_CODES)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  serviceCodes?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'District codes ("unknown": none).' })
  @IsOptional()
  @ArrayMaxSize(MAX_CODES)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  districtCodes?: string[] | null;

  @Field(() => [Channel], { nullable: true })
  @IsOptional()
  @IsEnum(Channel, { each: true })
  channels?: Channel[] | null;

  @Field(() => [Priority], { nullable: true })
  @IsOptional()
  @IsEnum(Priority, { each: true })
  priorities?: Priority[] | null;

  @Field(() => Boolean, {
    nullable: true,
    defaultValue: true,
    description: 'Count imported history (legacy records) too; true when left out.',
  })
  @IsOptional()
  @IsBoolean()
  includeHistory?: boolean | null;
}
