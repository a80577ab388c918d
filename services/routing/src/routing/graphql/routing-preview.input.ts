import { Field, Float, InputType } from '@nestjs/graphql';
import { Channel } from '@civitas/contracts';
import { AttributeAnswerFields } from '@civitas/service-kit';
import { SaveRoutingRuleInput } from '../../rules/index.js';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsDate,
  IsEnum,
  IsLatitude,
  IsLongitude,
  IsNotEmpty,
  IsOptional,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';

@InputType()
export class PreviewLocationInput {
  @Field(() => Float)
  @IsLatitude()
  latitude: number;

  @Field(() => Float)
  @IsLongitude()
  longitude: number;
}

@InputType()
export class PreviewAttributeInput extends AttributeAnswerFields {}

@InputType({ description: 'A case as it would arrive, to see how routing would decide it.' })
export class PreviewRoutingInput {
  @Field({ description: 'A code from the service catalog (query `services`).' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  serviceCode: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  description?: string;

  @Field(() => Channel, { nullable: true, description: 'WEB when omitted.' })
  @IsOptional()
  @IsEnum(Channel)
  channel?: Channel;

  @Field(() => PreviewLocationInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => PreviewLocationInput)
  location?: PreviewLocationInput;

  @Field(() => [PreviewAttributeInput], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => PreviewAttributeInput)
  attributes?: PreviewAttributeInput[];

  @Field({ nullable: true, description: 'As if the case were opened then; now when omitted.' })
  @IsOptional()
  @IsDate()
  openedAt?: Date;

  @Field({
    nullable: true,
    description:
      'As if intake had found the description to be a possible emergency (false when omitted).',
  })
  @IsOptional()
  @IsBoolean()
  emergency?: boolean;

  @Field(() => SaveRoutingRuleInput, {
    nullable: true,
    description:
      'A rule to try before saving it, checked as saveRoutingRule checks it: evaluated as if saved, in place of the rule of its id (or as a new rule, after all others unless a position is given). Nothing is saved.',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => SaveRoutingRuleInput)
  rule?: SaveRoutingRuleInput;
}
