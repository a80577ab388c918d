import { Field, InputType, Int, OmitType, PartialType } from '@nestjs/graphql';
import { AttributeDatatype, OpenDataLocation, Priority, SlaClock } from '@civitas/contracts';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEnum,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

export const SERVICE_TYPES = ['realtime', 'batch', 'blackbox'] as const;
const SERVICE_CODE = /^[a-z0-9][a-z0-9-]{0,99}$/;

@InputType({ description: 'A new service type in the catalog.' })
export class CreateServiceInput {
  @Field({ description: 'Lower-case letters, digits and dashes; never changes once created.' })
  @Matches(SERVICE_CODE, { message: 'code must be 1 to 100 lower-case letters, digits or dashes' })
  code: string;

  @Field()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  description?: string;

  @Field({ description: 'Open311 group, e.g. "Streets".' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  group: string;

  @Field(() => [String], {
    nullable: true,
    description: 'Words and phrases that point to this service (e-mail triage, Open311 keywords).',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(100, { each: true })
  keywords?: string[];

  @Field({
    nullable: true,
    description: 'Open311 type: realtime (the default), batch or blackbox.',
  })
  @IsOptional()
  @IsIn(SERVICE_TYPES as unknown as string[], {
    message: 'type must be one of: realtime, batch, blackbox',
  })
  type?: string;

  @Field({ description: 'Code of the department that owns the service (query `departments`).' })
  @IsString()
  @IsNotEmpty()
  departmentCode: string;

  @Field(() => Priority, { nullable: true, description: 'NORMAL when omitted.' })
  @IsOptional()
  @IsEnum(Priority)
  defaultPriority?: Priority;

  @Field(() => Int, {
    nullable: true,
    description:
      'Service-level target: hours from opening to closure, counted in slaClock. Required (or targetHours) for a new service.',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(24 * 365)
  slaHours?: number;

  @Field(() => SlaClock, {
    nullable: true,
    description: 'How slaHours are counted; CALENDAR when omitted for a new service.',
  })
  @IsOptional()
  @IsEnum(SlaClock)
  slaClock?: SlaClock;

  @Field({
    nullable: true,
    description: 'Whether time ON_HOLD stops the clock; false when omitted for a new service.',
  })
  @IsOptional()
  @IsBoolean()
  pausesOnHold?: boolean;

  @Field(() => Int, {
    nullable: true,
    description: 'The same as slaHours (its earlier name); give one of the two, or both equal.',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(24 * 365)
  targetHours?: number;

  @Field({
    nullable: true,
    description: 'Inactive services are not offered to residents; true when omitted.',
  })
  @IsOptional()
  @IsBoolean()
  active?: boolean;

  @Field({
    nullable: true,
    description:
      'Every request for this service is private (a welfare check, a neighbour complaint): never listed, never in Open311 lists or open data. False when omitted.',
  })
  @IsOptional()
  @IsBoolean()
  alwaysPrivate?: boolean;

  @Field(() => OpenDataLocation, {
    nullable: true,
    description: 'Where open data places its requests; GRID when omitted.',
  })
  @IsOptional()
  @IsEnum(OpenDataLocation)
  openDataLocation?: OpenDataLocation;

  @Field({
    nullable: true,
    description:
      'Open data publishes descriptions, with e-mail addresses, phone numbers and the reporter name removed. False when omitted.',
  })
  @IsOptional()
  @IsBoolean()
  openDataDescription?: boolean;

  @Field(() => Int, {
    nullable: true,
    description:
      'A report this near (metres, 0 to 1000) an open request of the service is linked to it as a possible duplicate; 0 turns it off. 50 when omitted for a new service.',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1000)
  duplicateRadiusMeters?: number;

  @Field(() => Int, {
    nullable: true,
    description:
      'How recently (days, 1 to 365) that open request must have been opened. 30 when omitted for a new service.',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(365)
  duplicateWindowDays?: number;
}

@InputType({ description: 'The fields to change; those omitted stay as they are.' })
export class UpdateServiceInput extends PartialType(
  OmitType(CreateServiceInput, ['code'] as const),
) {}

@InputType()
export class AttributeValueOptionInput {
  @Field()
  @IsString()
  @MaxLength(100)
  key: string;

  @Field()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;
}

@InputType()
export class ServiceAttributeInput {
  @Field({ description: 'Letters, digits, _ . or -; unique within the service.' })
  @IsString()
  code: string;

  @Field({
    defaultValue: true,
    description: 'False: information to show the person, not a question.',
  })
  @IsBoolean()
  variable: boolean = true;

  @Field(() => AttributeDatatype)
  @IsEnum(AttributeDatatype)
  datatype: AttributeDatatype;

  @Field({ defaultValue: false })
  @IsBoolean()
  required: boolean = false;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  datatypeDescription?: string;

  @Field(() => Int, { description: 'Display order, unique within the service.' })
  @IsInt()
  @Min(0)
  @Max(100_000)
  order: number;

  @Field({ description: 'The question as shown to the person.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  description: string;

  @Field(() => [AttributeValueOptionInput], {
    nullable: true,
    description: 'Only for singlevaluelist and multivaluelist.',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => AttributeValueOptionInput)
  values?: AttributeValueOptionInput[];
}
