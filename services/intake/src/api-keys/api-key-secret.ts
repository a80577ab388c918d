import { createHash, randomBytes } from 'node:crypto';

const KEY_PREFIX = 'civ_';
/** What a well-formed key looks like; anything else is refused without touching the database. */
const KEY_SHAPE = /^civ_[A-Za-z0-9_-]{43}$/;

/** A new key: 32 random bytes, base64url, with a recognisable prefix (secret scanners find it). */
export function generateApiKey(): string {
  return `${KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
}

/**
 * SHA-256 without a salt is enough here: the key has 256 bits of entropy, so there is nothing to
 * guess, and an unsalted hash lets the key be found by an index lookup.
 */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

export function looksLikeApiKey(key: string): boolean {
  return KEY_SHAPE.test(key);
}

export function displayPrefix(key: string): string {
  return key.slice(0, KEY_PREFIX.length + 6);
}
