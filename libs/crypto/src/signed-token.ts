import { createHmac, timingSafeEqual } from 'node:crypto';
import { parseKeyring } from './pii-cipher.js';

/**
 * Short signed tokens one service issues and another checks (a survey link: citizens issues,
 * cases checks; docs/adr/0060). `<keyId>.<claims>.<mac>`, base64url: the claims are JSON with an
 * expiry `exp` (seconds since the epoch); the MAC is HMAC-SHA-256 over the purpose, the key id and
 * the claims, so a token made for one purpose is refused for another. Keys rotate like PII keys:
 * `<id>:<base64 of 32 bytes>,...`, the first signs, every one listed verifies.
 */
export interface SignedClaims {
  /** Expiry, seconds since the epoch. */
  exp: number;
  [claim: string]: unknown;
}

export type TokenRefusal = 'MALFORMED' | 'BAD_SIGNATURE' | 'EXPIRED';

export type TokenCheck<C extends SignedClaims> =
  { ok: true; claims: C } | { ok: false; refusal: TokenRefusal };

/** Longest token accepted for checking: anything longer was not made here. */
export const MAX_SIGNED_TOKEN_LENGTH = 1024;

export class TokenSigner {
  private readonly currentKeyId: string;
  private readonly keys: Record<string, Buffer>;

  /** `keysSpec`: `<id>:<base64 of 32 bytes>,...`; `purpose` separates one kind of token from another. */
  constructor(
    keysSpec: string,
    private readonly purpose: string,
  ) {
    // Same format and checks as the PII keyrings; the look-up hash key is not used here.
    const keyring = parseKeyring(keysSpec, Buffer.alloc(32).toString('base64'));
    this.currentKeyId = keyring.currentKeyId;
    this.keys = keyring.keys;
  }

  sign(claims: SignedClaims): string {
    const body = Buffer.from(JSON.stringify(claims), 'utf8').toString('base64url');
    return `${this.currentKeyId}.${body}.${this.mac(this.currentKeyId, body)}`;
  }

  /** The claims of a token this keyring signed for this purpose and not expired at `now`. */
  verify<C extends SignedClaims>(token: string, now: Date): TokenCheck<C> {
    if (token.length > MAX_SIGNED_TOKEN_LENGTH) {
      return { ok: false, refusal: 'MALFORMED' };
    }
    const [keyId, body, mac, extra] = token.split('.');
    if (!keyId || !body || !mac || extra !== undefined) {
      return { ok: false, refusal: 'MALFORMED' };
    }
    if (!this.keys[keyId]) {
      return { ok: false, refusal: 'BAD_SIGNATURE' };
    }
    const expected = Buffer.from(this.mac(keyId, body));
    const given = Buffer.from(mac);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
      return { ok: false, refusal: 'BAD_SIGNATURE' };
    }
    let claims: C;
    try {
      claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as C;
    } catch {
      return { ok: false, refusal: 'MALFORMED' };
    }
    if (typeof claims !== 'object' || claims === null || typeof claims.exp !== 'number') {
      return { ok: false, refusal: 'MALFORMED' };
    }
    return claims.exp * 1000 <= now.getTime()
      ? { ok: false, refusal: 'EXPIRED' }
      : { ok: true, claims };
  }

  private mac(keyId: string, body: string): string {
    return createHmac('sha256', this.keys[keyId])
      .update(`${this.purpose}\u0000${keyId}\u0000${body}`)
      .digest('base64url');
  }
}
