import { Field, InputType } from '@nestjs/graphql';
import { IsBoolean, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

@InputType()
export class CommentOnServiceRequestInput {
  @Field()
  @IsString()
  @MaxLength(64)
  ticketNumber: string;

  @Field({
    nullable: true,
    description: 'Shown publicly on the request; required unless residentSaysFixed.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  @Matches(/\S/, { message: 'comment must not be blank' })
  comment?: string;

  @Field({
    nullable: true,
    description:
      'The resident says the problem is fixed: staff see it on the timeline; the request stays as it is.',
  })
  @IsOptional()
  @IsBoolean()
  residentSaysFixed?: boolean;
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
