import { Field, InputType } from '@nestjs/graphql';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';

@InputType()
export class CommentOnServiceRequestInput {
  @Field()
  @IsString()
  @MaxLength(64)
  ticketNumber: string;

  @Field({ description: 'Shown publicly on the request.' })
  @IsString()
  @MaxLength(4000)
  @Matches(/\S/, { message: 'comment must not be blank' })
  comment: string;
}

@InputType()
export class ReopenServiceRequestInput {
  @Field()
  @IsString()
  @MaxLength(64)
  ticketNumber: string;

  @Field({ nullable: true, description: 'What is still wrong; shown publicly.' })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  reason?: string;
}
