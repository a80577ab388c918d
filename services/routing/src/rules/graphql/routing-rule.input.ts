import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { Channel, Priority } from '@civitas/contracts';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEnum,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

@InputType()
export class RoutingRuleAttributeConditionInput {
  @Field()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  code: string;

  @Field()
  @IsString()
  @Matches(/\S/, { message: 'equals must not be blank' })
  @MaxLength(4000)
  equals: string;
}

@InputType({
  description: 'Every condition given must hold; at least one is needed. Omitted or empty: any.',
})
export class RoutingRuleWhenInput {
  @Field(() => [String], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  serviceCodes?: string[];

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  districtCodes?: string[];

  @Field(() => [Channel], { nullable: true })
  @IsOptional()
  @IsArray()
  @IsEnum(Channel, { each: true })
  channels?: Channel[];

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @Matches(/\S/, { each: true, message: 'keywords must not be blank' })
  @MaxLength(100, { each: true })
  keywords?: string[];

  @Field(() => Boolean, { nullable: true })
  @IsOptional()
  @IsBoolean()
  emergency?: boolean;

  @Field(() => RoutingRuleAttributeConditionInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => RoutingRuleAttributeConditionInput)
  attribute?: RoutingRuleAttributeConditionInput;
}

@InputType()
export class RoutingRuleThenInput {
  @Field({ description: 'Code of the department that gets the case (query `departments`).' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  departmentCode: string;

  @Field({ nullable: true, description: 'A queue of that department; omitted: as without a rule.' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  queueCode?: string;

  @Field(() => Priority, { nullable: true, description: "Omitted: the service's default." })
  @IsOptional()
  @IsEnum(Priority)
  priority?: Priority;

  @Field(() => Int, { nullable: true, description: "Target in hours; omitted: the service's." })
  @IsOptional()
  @IsInt()
  @Min(1, { message: 'slaHours must be a positive number of hours' })
  @Max(24 * 365)
  slaHours?: number;
}

@InputType({ description: 'A new routing rule (no id) or the whole of an existing one (its id).' })
export class SaveRoutingRuleInput {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'id must be the id of a routing rule' })
  id?: string;

  @Field()
  @IsString()
  @Matches(/\S/, { message: 'name must not be blank' })
  @MaxLength(200)
  name: string;

  @Field(() => Int, {
    nullable: true,
    description: 'Lower first. Omitted: after the last rule when new, unchanged otherwise.',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  position?: number;

  @Field({ nullable: true, description: 'Omitted: true when new, unchanged otherwise.' })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;

  @Field(() => RoutingRuleWhenInput)
  @ValidateNested()
  @Type(() => RoutingRuleWhenInput)
  when: RoutingRuleWhenInput;

  @Field(() => RoutingRuleThenInput)
  @ValidateNested()
  @Type(() => RoutingRuleThenInput)
  then: RoutingRuleThenInput;
}

@InputType({ description: 'Where to move a routing rule in the evaluation order.' })
export class MoveRoutingRuleInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'id must be the id of a routing rule' })
  id: string;

  @Field(() => Int, {
    description:
      'Its place among all rules, from 0 (tried first) to their number less one. Every rule is renumbered 0, 1, 2... in the new order.',
  })
  @IsInt()
  position: number;
}
