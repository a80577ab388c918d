import { Field, Float, InputType } from '@nestjs/graphql';
import { Channel } from '@civitas/contracts';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
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
}

@InputType({ description: "An answer to one of the service's questions (Open311 attribute)." })
export class AttributeValueInput {
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

  @Field({ nullable: true, description: 'Sending the same key again answers the same ticket.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  idempotencyKey?: string;
}
