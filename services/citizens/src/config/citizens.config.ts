import { BaseServiceConfig } from '@civitas/config';
import { parseKeyring } from '@civitas/crypto';
import {
  IsString,
  Validate,
  ValidatorConstraint,
  type ValidationArguments,
  type ValidatorConstraintInterface,
} from 'class-validator';
import { isSupportedCountry } from 'libphonenumber-js';

@ValidatorConstraint({ name: 'piiKeyring' })
class PiiKeyringConstraint implements ValidatorConstraintInterface {
  private problem = '';

  validate(value: unknown, args: ValidationArguments): boolean {
    if (typeof value !== 'string' || !value) {
      this.problem = 'is required';
      return false;
    }
    try {
      // The two variables are checked apart, so each error names the one at fault.
      if (args.property === 'PII_KEYS') {
        parseKeyring(value, Buffer.alloc(32).toString('base64'));
      } else {
        parseKeyring(`check:${Buffer.alloc(32).toString('base64')}`, value);
      }
      return true;
    } catch (error) {
      this.problem = (error as Error).message;
      return false;
    }
  }

  defaultMessage(): string {
    return this.problem || 'is not a valid key';
  }
}

@ValidatorConstraint({ name: 'phoneRegion' })
class PhoneRegionConstraint implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' && isSupportedCountry(value);
  }

  defaultMessage(): string {
    return 'must be an ISO 3166 country code known to libphonenumber (e.g. US)';
  }
}

export class CitizensConfig extends BaseServiceConfig {
  /** Keys sealing personal data: `<id>:<base64 of 32 bytes>`, comma-separated; the first seals new values. */
  @IsString()
  @Validate(PiiKeyringConstraint)
  PII_KEYS: string = undefined as unknown as string;

  /** Key for the look-up hashes of e-mail addresses and phone numbers (base64, at least 32 bytes). */
  @IsString()
  @Validate(PiiKeyringConstraint)
  PII_HASH_KEY: string = undefined as unknown as string;

  /** Region assumed for phone numbers written without a country code. */
  @Validate(PhoneRegionConstraint)
  DEFAULT_PHONE_REGION = 'US';
}
