import { Field, InputType, Int } from '@nestjs/graphql';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { MAX_SIGNED_TOKEN_LENGTH } from '@civitas/crypto';

@InputType({ description: "A resident's answer to the survey link of a closure notice." })
export class SubmitSatisfactionInput {
  @Field({ description: 'The `token` of the survey link, as the notice gave it.' })
  @IsString()
  @MaxLength(MAX_SIGNED_TOKEN_LENGTH)
  @Matches(/\S/, { message: 'token must not be blank' })
  token: string;

  @Field(() => Int, { description: '1 (not satisfied at all) to 5 (very satisfied).' })
  @IsInt()
  @Min(1, { message: 'score must be between 1 and 5' })
  @Max(5, { message: 'score must be between 1 and 5' })
  score: number;

  @Field({ nullable: true, description: 'Anything they want to add (staff read it).' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  comment?: string;
}
