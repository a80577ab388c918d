import { ArgsType, Field } from '@nestjs/graphql';
import { Transform } from 'class-transformer';
import { IsEmail, IsOptional, IsString, MaxLength } from 'class-validator';

@ArgsType()
export class FindCitizensByContactArgs {
  @Field({ nullable: true })
  @IsOptional()
  // Agents paste addresses with stray spaces; the match ignores case and surrounding spaces.
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsEmail({}, { message: 'email must be a valid e-mail address' })
  @MaxLength(320)
  email?: string;

  @Field({
    nullable: true,
    description: 'Any common format; without a country code, the default region is assumed.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  phone?: string;

  @Field({
    nullable: true,
    description: 'Why you look this person up (kept in the audit log), e.g. "incoming call".',
  })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  purpose?: string;
}
