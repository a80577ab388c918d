import { Inject, Injectable } from '@nestjs/common';
import { PII_CIPHER, type PiiCipher } from '@civitas/crypto';
import type { CountryCode } from 'libphonenumber-js';
import { cleanText, normaliseEmail, normalisePhone } from '../citizens/index.js';
import type { ContactPointKind } from '../citizens/index.js';
import { CitizensConfig } from '../config/citizens.config.js';
import { ContactVerificationException } from './contact-verification.exception.js';

export interface ContactValue {
  kind: ContactPointKind;
  /** Normalised: a lower-cased e-mail, an E.164 phone, a trimmed postal address. */
  value: string;
  /** The look-up hash an e-mail or phone is matched by (null for a postal address). */
  hash: string | null;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A contact point a resident types, read the way contact points are matched on arrival. */
@Injectable()
export class ContactValues {
  private readonly region: CountryCode;

  constructor(
    @Inject(PII_CIPHER) private readonly cipher: PiiCipher,
    config: CitizensConfig,
  ) {
    this.region = config.DEFAULT_PHONE_REGION as CountryCode;
  }

  /** `field` names the value in errors; its `.kind` sibling is named for a bad kind. */
  read(change: { kind: string; value: string } | null | undefined, field: string): ContactValue {
    const raw = cleanText(change?.value);
    if (!raw || raw.length > 500) {
      throw ContactVerificationException.invalid(field, 'must be 1 to 500 characters');
    }
    switch (change!.kind) {
      case 'EMAIL': {
        const email = normaliseEmail(raw)!;
        if (!EMAIL.test(email)) {
          throw ContactVerificationException.invalid(field, 'is not an e-mail address');
        }
        return { kind: 'EMAIL', value: email, hash: this.cipher.lookupHash('email', email) };
      }
      case 'PHONE': {
        const phone = normalisePhone(raw, this.region);
        if (!phone) {
          throw ContactVerificationException.invalid(field, 'is not a valid phone number');
        }
        return { kind: 'PHONE', value: phone, hash: this.cipher.lookupHash('phone', phone) };
      }
      case 'POSTAL':
        return { kind: 'POSTAL', value: raw, hash: null };
      default:
        throw ContactVerificationException.invalid(
          field.replace(/\.value$/, '.kind'),
          'must be EMAIL, PHONE or POSTAL',
        );
    }
  }
}
