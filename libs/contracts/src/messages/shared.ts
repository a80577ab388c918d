import { Transform } from 'class-transformer';
import {
  IsEmail,
  IsInt,
  IsLatitude,
  IsLongitude,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';

export class GeoLocation {
  @IsOptional()
  @IsLatitude()
  latitude?: number;

  @IsOptional()
  @IsLongitude()
  longitude?: number;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  address?: string;
}

/**
 * How near and how recent an open case of the same service must be for a new report to be taken
 * as a possible duplicate of it (routing's catalog, per service; docs/adr/0063). A radius of 0
 * turns the search off.
 */
export class DuplicateSearch {
  @IsInt()
  @Min(0)
  @Max(1000)
  radiusMeters: number;

  @IsInt()
  @Min(1)
  @Max(365)
  windowDays: number;
}

/** What a service without its own settings uses (and what older routing and intake mean). */
export const DEFAULT_DUPLICATE_SEARCH: Readonly<DuplicateSearch> = {
  radiusMeters: 50,
  windowDays: 30,
};

/** The shape of a value sealed by libs/crypto's PiiCipher: `v1:<key id>:<iv>:<tag>:<ciphertext>`. */
export const SEALED_VALUE = /^v1:[A-Za-z0-9_-]+:[A-Za-z0-9_-]+:[A-Za-z0-9_-]+:[A-Za-z0-9_-]*$/;

/** Personal data about whoever reported something. Only citizens and intake store it. */
export class ReporterContact {
  @IsOptional()
  @IsString()
  @MaxLength(200)
  firstName?: string;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  lastName?: string;

  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsEmail()
  email?: string;

  @IsOptional()
  @IsString()
  @MaxLength(40)
  phone?: string;

  /** The reporter's own postal address (not the problem's location): used to tell residents apart. */
  @IsOptional()
  @IsString()
  @MaxLength(500)
  postalAddress?: string;

  /** Set when the reporter is a business or other organisation rather than a person. */
  @IsOptional()
  @IsString()
  @MaxLength(300)
  organisationName?: string;

  /** BCP 47 language tag the reporter chose (e.g. `en`, `es`). */
  @IsOptional()
  @Matches(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, {
    message: 'must be a BCP 47 language tag such as en or es-MX',
  })
  preferredLanguage?: string;
}
