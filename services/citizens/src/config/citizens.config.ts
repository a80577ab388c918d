import { IsPiiKeyring } from '@civitas/crypto';
import { Secret } from '@civitas/config';
import {
  IsInt,
  Max,
  Min,
  Validate,
  ValidatorConstraint,
  type ValidatorConstraintInterface,
} from 'class-validator';
import { isSupportedCountry } from 'libphonenumber-js';
import { NotificationsSettings } from './notifications.config.js';

@ValidatorConstraint({ name: 'phoneRegion' })
class PhoneRegionConstraint implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' && isSupportedCountry(value);
  }

  defaultMessage(): string {
    return 'must be an ISO 3166 country code known to libphonenumber (e.g. US)';
  }
}

export class CitizensConfig extends NotificationsSettings {
  /** Keys sealing personal data: `<id>:<base64 of 32 bytes>`, comma-separated; the first seals new values. */
  @Secret('keyring')
  @IsPiiKeyring()
  PII_KEYS: string = undefined as unknown as string;

  /** Key for the look-up hashes of e-mail addresses and phone numbers (base64, at least 32 bytes). */
  @Secret('base64-key')
  @IsPiiKeyring()
  PII_HASH_KEY: string = undefined as unknown as string;

  /** Region assumed for phone numbers written without a country code. */
  @Validate(PhoneRegionConstraint)
  DEFAULT_PHONE_REGION = 'US';

  /** Name-and-address match score (0–1) at or above which a contact is taken to be the resident. */
  @Min(0)
  @Max(1)
  MATCH_LINK_THRESHOLD = 0.9;

  /** Score at or above which (below the link threshold) staff are asked to review a possible match. */
  @Min(0)
  @Max(1)
  MATCH_REVIEW_THRESHOLD = 0.6;

  /**
   * Refused reads of personal data after the first in this many seconds are written as one audit
   * entry with their count (per signed-in caller and resident; all anonymous callers together).
   */
  @IsInt()
  @Min(1)
  @Max(3600)
  AUDIT_DENIED_WINDOW_SECONDS = 60;

  /** How long a one-time code (a contact point's, a sign-in link's) may be used (ADR 0040). */
  @IsInt()
  @Min(1)
  @Max(1440)
  VERIFICATION_CODE_TTL_MINUTES = 15;

  /** Wrong entries of one code after which it is void and a new one must be sent. */
  @IsInt()
  @Min(1)
  @Max(20)
  VERIFICATION_CODE_MAX_ATTEMPTS = 5;

  /** Codes sent to one e-mail or phone, whoever asks, in an hour. */
  @IsInt()
  @Min(1)
  @Max(100)
  VERIFICATION_CODES_PER_CONTACT_POINT_PER_HOUR = 5;

  /** Codes sent for one resident, to any of their contact points, in an hour. */
  @IsInt()
  @Min(1)
  @Max(100)
  VERIFICATION_CODES_PER_RESIDENT_PER_HOUR = 10;
}
