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
}
