import { Field, InputType } from '@nestjs/graphql';
import { CaseStatus } from '@civitas/contracts';
import { MAX_SPLIT_PARTS } from '@civitas/contracts';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEnum,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';

@InputType({ description: 'Move a case to another status (staff of its department, admins).' })
export class ChangeCaseStatusInput {
  @Field({ description: 'e.g. SR-2026-0000123' })
  @IsString()
  @MaxLength(64)
  @Matches(/\S/, { message: 'ticketNumber must not be blank' })
  ticketNumber: string;

  @Field(() => CaseStatus, {
    description:
      'OPEN, IN_PROGRESS, ON_HOLD or CLOSED. A closed case can only be reopened, to OPEN; a NEW case waits for routing.',
  })
  @IsEnum(CaseStatus)
  status: CaseStatus;

  @Field({ nullable: true, description: 'An internal note on the timeline (staff only).' })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  @Matches(/\S/, { message: 'note must not be blank' })
  note?: string;

  @Field({
    nullable: true,
    description:
      'Shown to the resident with the change (and in Open311 status_notes). Required when closing: the resolution.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  @Matches(/\S/, { message: 'publicNote must not be blank' })
  publicNote?: string;
}

@InputType({ description: "A note on a case's timeline." })
export class AddCaseNoteInput {
  @Field()
  @IsString()
  @MaxLength(64)
  @Matches(/\S/, { message: 'ticketNumber must not be blank' })
  ticketNumber: string;

  @Field()
  @IsString()
  @MaxLength(4000)
  @Matches(/\S/, { message: 'text must not be blank' })
  text: string;

  @Field({
    description:
      'True: the resident sees it (on the case and in Open311 notes) and is told a note was added. False: staff only.',
  })
  @IsBoolean()
  public: boolean;
}

@InputType({
  description:
    'Close a case as a duplicate of another (staff of its department, admins). The parent must not itself be a duplicate.',
})
export class MarkCaseDuplicateInput {
  @Field({ description: 'The duplicate, e.g. SR-2026-0000124. It must not be closed already.' })
  @IsString()
  @MaxLength(64)
  @Matches(/\S/, { message: 'ticketNumber must not be blank' })
  ticketNumber: string;

  @Field({ description: 'The ticket number of the case it duplicates (the parent).' })
  @IsString()
  @MaxLength(64)
  @Matches(/\S/, { message: 'duplicateOf must not be blank' })
  duplicateOf: string;
}

@InputType({ description: 'One part of a split case: a service and what this part is about.' })
export class SplitCasePartInput {
  @Field({
    description: "The part's service (an active one); routing sends the part where it goes.",
  })
  @IsString()
  @MaxLength(200)
  serviceCode: string;

  @Field({ description: 'What this part is about, as the resident will read it.' })
  @IsString()
  @MaxLength(4000)
  description: string;
}

@InputType({
  description:
    'Split a case into parts, each a case of its own with its own ticket number (agents; caseworkers and supervisors of its department).',
})
export class SplitCaseInput {
  @Field({ description: 'The case to split, e.g. SR-2026-0000123: open, not itself a part.' })
  @IsString()
  @MaxLength(64)
  @Matches(/\S/, { message: 'ticketNumber must not be blank' })
  ticketNumber: string;

  @Field(() => [SplitCasePartInput], { description: `1 to ${MAX_SPLIT_PARTS} parts.` })
  @IsArray()
  @ArrayMaxSize(MAX_SPLIT_PARTS)
  @ValidateNested({ each: true })
  @Type(() => SplitCasePartInput)
  parts: SplitCasePartInput[];
}
