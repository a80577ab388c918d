import { randomInt, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { PII_CIPHER, type PiiCipher } from '@civitas/crypto';
import { CitizensConfig } from '../config/citizens.config.js';

/** The window the send limits count over. */
export const SEND_WINDOW_MS = 60 * 60_000;

/** The limits of one-time codes, from the service's config (ADR 0040). */
export interface VerificationLimits {
  /** How long a code may be used. */
  codeTtlMinutes: number;
  /** Wrong entries after which a code is void (a new one must be sent). */
  maxAttempts: number;
  /** Codes sent to one e-mail or phone (whoever asked) within `SEND_WINDOW_MS`. */
  sendsPerContactPoint: number;
  /** Codes sent for one resident (to any of their contact points) within `SEND_WINDOW_MS`. */
  sendsPerResident: number;
}

const CODE = /^\d{6}$/;

/**
 * Six-digit one-time codes. Only a keyed hash (the PII hash key) of the code and the row it
 * belongs to is stored: a database copy does not give the codes away, and a code is good for
 * its own row only.
 */
@Injectable()
export class OneTimeCodes {
  readonly limits: VerificationLimits;

  constructor(
    @Inject(PII_CIPHER) private readonly cipher: PiiCipher,
    config: CitizensConfig,
  ) {
    this.limits = {
      codeTtlMinutes: config.VERIFICATION_CODE_TTL_MINUTES,
      maxAttempts: config.VERIFICATION_CODE_MAX_ATTEMPTS,
      sendsPerContactPoint: config.VERIFICATION_CODES_PER_CONTACT_POINT_PER_HOUR,
      sendsPerResident: config.VERIFICATION_CODES_PER_RESIDENT_PER_HOUR,
    };
  }

  generate(): string {
    return randomInt(0, 1_000_000).toString().padStart(6, '0');
  }

  hash(rowId: string, code: string): string {
    return this.cipher.lookupHash('one-time-code', `${rowId}\u0000${code}`);
  }

  /** Whether `entered` (spaces allowed) is the code whose hash is stored for this row. */
  matches(rowId: string, entered: string, stored: string): boolean {
    const code = entered.replace(/\s+/g, '');
    if (!CODE.test(code)) {
      return false;
    }
    const a = Buffer.from(this.hash(rowId, code));
    const b = Buffer.from(stored);
    return a.length === b.length && timingSafeEqual(a, b);
  }

  expiry(from = new Date()): Date {
    return new Date(from.getTime() + this.limits.codeTtlMinutes * 60_000);
  }
}
