import { Field, Float, InputType, Int } from '@nestjs/graphql';
import { CaseStatus } from '@civitas/contracts';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsDate,
  IsEnum,
  IsInt,
  IsLatitude,
  IsLongitude,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

export const MAX_PAGE_SIZE = 1000;

@InputType({ description: 'A rectangle in WGS84: north-east and south-west corners.' })
export class BoundingBoxInput {
  @Field(() => Float)
  @IsLatitude()
  north: number;

  @Field(() => Float)
  @IsLongitude()
  east: number;

  @Field(() => Float)
  @IsLatitude()
  south: number;

  @Field(() => Float)
  @IsLongitude()
  west: number;
}

@InputType({ description: 'Which public service requests to list; every filter is optional.' })
export class ServiceRequestFilterInput {
  @Field(() => [String], {
    nullable: true,
    description: 'Ticket numbers; when given, usually the only filter.',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_PAGE_SIZE)
  @IsString({ each: true })
  @MaxLength(64, { each: true })
  ticketNumbers?: string[];

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  serviceCodes?: string[];

  @Field(() => [CaseStatus], { nullable: true })
  @IsOptional()
  @IsArray()
  @IsEnum(CaseStatus, { each: true })
  statuses?: CaseStatus[];

  @Field(() => Date, { nullable: true, description: 'Opened at or after.' })
  @IsOptional()
  @IsDate()
  openedFrom?: Date;

  @Field(() => Date, { nullable: true, description: 'Opened at or before.' })
  @IsOptional()
  @IsDate()
  openedTo?: Date;

  @Field(() => BoundingBoxInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => BoundingBoxInput)
  boundingBox?: BoundingBoxInput;

  @Field(() => Int, { defaultValue: 1 })
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  page: number = 1;

  @Field(() => Int, { defaultValue: MAX_PAGE_SIZE, description: `At most ${MAX_PAGE_SIZE}.` })
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  pageSize: number = MAX_PAGE_SIZE;
}

@InputType({ description: 'Which public updates (timeline entries) to list.' })
export class ServiceRequestUpdateFilterInput {
  @Field(() => [String], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_PAGE_SIZE)
  @IsString({ each: true })
  @MaxLength(64, { each: true })
  ticketNumbers?: string[];

  @Field(() => Date, { nullable: true })
  @IsOptional()
  @IsDate()
  from?: Date;

  @Field(() => Date, { nullable: true })
  @IsOptional()
  @IsDate()
  to?: Date;

  @Field(() => Int, {
    defaultValue: 1,
    description: 'Pages of `limit` updates, newest first, ties in id order.',
  })
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  page: number = 1;

  @Field(() => Int, { defaultValue: MAX_PAGE_SIZE })
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit: number = MAX_PAGE_SIZE;
}
