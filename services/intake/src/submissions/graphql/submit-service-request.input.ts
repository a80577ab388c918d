import { Field, Float, InputType } from '@nestjs/graphql';
import { Channel } from '@civitas/contracts';
import { AttributeAnswerFields } from '@civitas/service-kit';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsEnum,
  IsLatitude,
  IsLongitude,
  IsNotEmpty,
  IsUrl,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';

@InputType()
export class LocationInput {
  @Field(() => Float, { nullable: true })
  @IsOptional()
  @IsLatitude()
  latitude?: number;

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @IsLongitude()
  longitude?: number;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  address?: string;

  @Field({
    nullable: true,
    description:
      "The place's id in the jurisdiction's master address repository (Open311 address_id); enough on its own as a location.",
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  addressId?: string;
}

@InputType()
export class ReporterInput {
  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  firstName?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  lastName?: string;

  @Field({ nullable: true })
  @IsOptional()
  // People paste addresses with spaces around them; that is not a malformed address.
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsEmail({}, { message: 'email must be a valid e-mail address' })
  @MaxLength(320)
  email?: string;

  @Field({ nullable: true })
  @IsOptional()
  @Matches(/^[+0-9 ().-]{3,40}$/, {
    message: 'phone must contain only digits, spaces and + ( ) . -',
  })
  phone?: string;

  @Field({
    nullable: true,
    description:
      "The reporter's own postal address (not the problem's location): used to recognise them.",
  })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  postalAddress?: string;

  @Field({
    nullable: true,
    description: 'Set when the reporter is a business or other organisation.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  organisationName?: string;

  @Field({
    nullable: true,
    description: 'The language to write to the reporter in, as a BCP 47 tag (en, es, es-MX).',
  })
  @IsOptional()
  // "ES" is Spanish too; a form's empty field means no preference.
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string'
      ? value.trim().replace(/^[A-Za-z]+/, (l) => l.toLowerCase()) || undefined
      : value,
  )
  @MaxLength(35)
  @Matches(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, {
    message: 'preferredLanguage must be a BCP 47 language tag such as en or es-MX',
  })
  preferredLanguage?: string;
}

@InputType({ description: "An answer to one of the service's questions (Open311 attribute)." })
export class AttributeValueInput extends AttributeAnswerFields {}

@InputType()
export class SubmitServiceRequestInput {
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

  @Field(() => Channel, { defaultValue: Channel.WEB })
  @IsEnum(Channel)
  channel: Channel = Channel.WEB;

  @Field(() => LocationInput, { nullable: true, description: 'Coordinates, an address, or both.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => LocationInput)
  location?: LocationInput;

  @Field(() => ReporterInput, { nullable: true, description: 'Omit to report anonymously.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ReporterInput)
  reporter?: ReporterInput;

  @Field(() => [AttributeValueInput], {
    nullable: true,
    description: "Answers to the service's questions.",
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => AttributeValueInput)
  attributes?: AttributeValueInput[];

  @Field({ nullable: true, description: 'A photo or video of the problem (http or https URL).' })
  @IsOptional()
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true, require_tld: false },
    { message: 'mediaUrl must be an http or https URL' },
  )
  @MaxLength(2048)
  mediaUrl?: string;

  @Field({
    nullable: true,
    description:
      'The device the request was sent from (Open311 device_id); kept sealed with the submission, never shown.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  deviceId?: string;

  @Field({
    nullable: true,
    description:
      'Keep the request private: it is never listed, never in Open311 lists or open data, and anyone holding only the ticket number sees its status alone. Some services are always private.',
  })
  @IsOptional()
  @IsBoolean()
  private?: boolean;

  @Field({ nullable: true, description: 'Sending the same key again answers the same ticket.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  idempotencyKey?: string;
}
