import { Field, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsEnum,
  IsOptional,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { ContactPointKindValue } from '../../citizens/index.js';

@InputType('ContactPointInput')
export class ContactPointInput {
  @Field(() => ContactPointKindValue)
  @IsEnum(ContactPointKindValue)
  kind: ContactPointKindValue;

  @Field({ description: 'An e-mail address, a phone number or a postal address.' })
  @IsString()
  @MaxLength(500)
  value: string;
}

@InputType('UpdateMyProfileInput')
export class UpdateMyProfileInput {
  @Field(() => String, {
    nullable: true,
    description: 'BCP 47 tag (e.g. en, es-MX); an empty string clears it.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(35)
  preferredLanguage?: string | null;

  @Field(() => [ContactPointInput], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => ContactPointInput)
  addContactPoints?: ContactPointInput[] | null;

  @Field(() => [ContactPointInput], {
    nullable: true,
    description: 'Contact points to remove (matched the way they are matched on arrival).',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => ContactPointInput)
  removeContactPoints?: ContactPointInput[] | null;
}

@InputType('VerifyContactPointInput')
export class VerifyContactPointInput extends ContactPointInput {
  @Field({ description: 'The six-digit code sent to the e-mail or phone.' })
  @IsString()
  @MaxLength(20)
  code: string;
}
