import { randomInt, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { PII_CIPHER, type PiiCipher } from '@civitas/crypto';

/** How long a code may be used. */
export const CODE_TTL_MS = 15 * 60_000;
/** Wrong entries after which a code is void (a new one must be sent). */
export const MAX_CODE_ATTEMPTS = 5;
/** Codes sent to one e-mail or phone (whoever asked) within `SEND_WINDOW_MS`. */
export const SENDS_PER_CONTACT_POINT = 5;
/** Codes sent for one resident (to any of their contact points) within `SEND_WINDOW_MS`. */
export const SENDS_PER_RESIDENT = 10;
export const SEND_WINDOW_MS = 60 * 60_000;

const CODE = /^\d{6}$/;

/**
 * Six-digit one-time codes. Only a keyed hash (the PII hash key) of the code and the row it
 * belongs to is stored: a database copy does not give the codes away, and a code is good for
 * its own row only.
 */
@Injectable()
export class OneTimeCodes {
  constructor(@Inject(PII_CIPHER) private readonly cipher: PiiCipher) {}

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
    return new Date(from.getTime() + CODE_TTL_MS);
  }
}
