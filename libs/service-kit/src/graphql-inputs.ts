import { Field, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, IsArray, IsNotEmpty, IsString, MaxLength } from 'class-validator';

/**
 * An answer to one of a service's questions (an Open311 attribute), as every subgraph takes it:
 * the fields and their limits, written once. A subgraph names its own input type by extending it
 * (`@InputType('…') class … extends AttributeAnswerFields {}`).
 */
@InputType({ isAbstract: true })
export abstract class AttributeAnswerFields {
  @Field({ description: 'The attribute code from the service definition.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  code: string;

  @Field(() => [String], { description: 'One value; several for a multivaluelist.' })
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(4000, { each: true })
  values: string[];
}
