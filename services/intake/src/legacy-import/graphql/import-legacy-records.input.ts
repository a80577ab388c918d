import { Field, InputType, Int, PickType } from '@nestjs/graphql';
import { CaseStatus } from '@civitas/contracts';
import { Type } from 'class-transformer';
import { LocationInput } from '../../submissions/index.js';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsDate,
  IsEnum,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

/** Records per call; the CLI sends a few hundred at a time. */
export const MAX_LEGACY_BATCH = 1000;

/** Where a historical request was: as a live one's location, without an address id. */
@InputType()
export class LegacyLocationInput extends PickType(
  LocationInput,
  ['latitude', 'longitude', 'address'] as const,
  InputType,
) {}

@InputType({ description: 'One historical request from a legacy system.' })
export class LegacyRecordInput {
  @Field(() => Int, {
    nullable: true,
    description: "The record's row in the source file, echoed in rejections.",
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  rowNumber?: number;

  @Field({
    description: "The record's id in the source system; importing the same id again does nothing.",
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  sourceId: string;

  @Field({ description: 'A catalog service code (unmapped categories go to general-inquiry).' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  serviceCode: string;

  @Field({ nullable: true, description: "The source system's own category, kept as is." })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  category?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  description?: string;

  @Field({ description: 'When it was received in the source system.' })
  @Type(() => Date)
  @IsDate()
  openedAt: Date;

  @Field(() => CaseStatus)
  @IsEnum(CaseStatus)
  status: CaseStatus;

  @Field({ nullable: true, description: 'When it was closed; only with status CLOSED.' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  closedAt?: Date;

  @Field({ nullable: true, description: 'The agency or department that owned it.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  agency?: string;

  @Field({
    nullable: true,
    description: 'Ward, borough or council district as the source wrote it.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  district?: string;

  @Field(() => LegacyLocationInput, {
    nullable: true,
    description: 'Often missing in legacy data.',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => LegacyLocationInput)
  location?: LegacyLocationInput;
}

@InputType()
export class ImportLegacyRecordsInput {
  @Field({
    description:
      'The system the records come from, e.g. nyc311; with sourceId it identifies a record.',
  })
  @Matches(/^[a-z0-9][a-z0-9._-]{0,99}$/, {
    message: 'sourceSystem must be lowercase letters, digits, . _ - (at most 100)',
  })
  sourceSystem: string;

  @Field(() => [LegacyRecordInput])
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_LEGACY_BATCH)
  @ValidateNested({ each: true })
  @Type(() => LegacyRecordInput)
  records: LegacyRecordInput[];
}
