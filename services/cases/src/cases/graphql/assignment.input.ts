import { Field, InputType, Int, registerEnumType } from '@nestjs/graphql';
import { CaseStatus, SlaState } from '@civitas/contracts';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
} from 'class-validator';
import { WorklistAssignee, WorklistSort } from '../worklist.repository.js';

registerEnumType(WorklistAssignee, {
  name: 'WorklistAssignee',
  valuesMap: {
    ME: { description: 'Cases assigned to the caller.' },
    UNASSIGNED: { description: 'Cases nobody works yet: to claim.' },
    ANY: { description: 'Every case.' },
  },
});
registerEnumType(WorklistSort, {
  name: 'WorklistSort',
  valuesMap: {
    DUE_AT: { description: 'Soonest due first.' },
    PRIORITY: {
      description: 'EMERGENCY first, then HIGH, NORMAL, LOW; soonest due first within each.',
    },
    CREATED: { description: 'Oldest first.' },
  },
});

@InputType({ description: 'Give a case to a member of its department (supervisors, admins).' })
export class AssignCaseInput {
  @Field({ description: 'e.g. SR-2026-0000123' })
  @IsString()
  @MaxLength(64)
  @Matches(/\S/, { message: 'ticketNumber must not be blank' })
  ticketNumber: string;

  @Field({ description: 'The sign-in subject of the staff member who gets it (see `staff`).' })
  @IsString()
  @MaxLength(200)
  @Matches(/\S/, { message: 'assigneeSubject must not be blank' })
  assigneeSubject: string;
}

@InputType({ description: 'A member of staff, as the staff directory keeps them.' })
export class SaveStaffMemberInput {
  @Field({ description: 'The `sub` of their sign-in token.' })
  @IsString()
  @MaxLength(200)
  subject: string;

  @Field()
  @IsString()
  @MaxLength(200)
  name: string;

  @Field()
  @IsString()
  @MaxLength(320)
  email: string;

  @Field(() => [String], { description: 'The departments they work for.' })
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  departmentCodes: string[];

  @Field(() => [String], {
    defaultValue: [],
    description:
      'The queues automatic assignment gives them cases from; each of a department above.',
  })
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  queueCodes: string[];

  @Field(() => Int, {
    nullable: true,
    description: 'Open cases automatic assignment gives them at most; null: no limit.',
  })
  @IsOptional()
  @IsInt()
  capacity?: number | null;

  @Field({
    defaultValue: true,
    description: 'Inactive staff get no work; deactivating someone hands their open cases on.',
  })
  @IsBoolean()
  active: boolean;
}

@InputType({ description: 'Which open cases a worklist shows.' })
export class WorklistFilterInput {
  @Field({
    nullable: true,
    description: 'Defaults to your departments (every department for admins).',
  })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  departmentCode?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  queueCode?: string;

  @Field(() => WorklistAssignee, { defaultValue: WorklistAssignee.ANY })
  @IsEnum(WorklistAssignee)
  assignee: WorklistAssignee;

  @Field(() => CaseStatus, { nullable: true, description: 'Defaults to every status but CLOSED.' })
  @IsOptional()
  @IsEnum(CaseStatus)
  status?: CaseStatus;

  @Field(() => SlaState, {
    nullable: true,
    description: 'ON_TRACK, AT_RISK or OVERDUE, as of now.',
  })
  @IsOptional()
  @IsEnum(SlaState)
  slaState?: SlaState;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  serviceCode?: string;

  @Field({ nullable: true, description: 'The district code routing placed the case in.' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  district?: string;
}
