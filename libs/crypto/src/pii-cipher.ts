import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

/**
 * AES-256-GCM for personal data at rest. Every value carries the id of the key that sealed it
 * (`v1:<keyId>:<iv>:<tag>:<ciphertext>`, base64url), so keys can rotate: new values use the
 * current key, old ones stay readable while their key is configured.
 * Exact look-ups use a keyed hash (HMAC-SHA-256), never the plaintext.
 */
export interface PiiKeyring {
  currentKeyId: string;
  keys: Record<string, Buffer>;
  /** Key for look-up hashes; separate from the encryption keys. */
  hashKey: Buffer;
}

/** Parses `id1:base64key,id2:base64key`; the first is current. Keys must be 32 bytes. */
export function parseKeyring(spec: string, hashKeySpec: string): PiiKeyring {
  const keys: Record<string, Buffer> = {};
  let currentKeyId = '';
  for (const part of spec
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const [id, b64] = part.split(':');
    const key = Buffer.from(b64 ?? '', 'base64');
    if (!id || !/^[A-Za-z0-9_-]+$/.test(id) || key.length !== 32) {
      throw new Error('each key must be "<id>:<base64 of 32 bytes>"');
    }
    keys[id] = key;
    currentKeyId ||= id;
  }
  if (!currentKeyId) {
    throw new Error('at least one key is required');
  }
  const hashKey = Buffer.from(hashKeySpec, 'base64');
  if (hashKey.length < 32) {
    throw new Error('the hash key must be at least 32 bytes, base64');
  }
  return { currentKeyId, keys, hashKey };
}

export class PiiCipher {
  constructor(private readonly keyring: PiiKeyring) {}

  encrypt(plaintext: string): string;
  encrypt(plaintext: string | null | undefined): string | null;
  encrypt(plaintext: string | null | undefined): string | null {
    if (plaintext === null || plaintext === undefined) {
      return null;
    }
    const keyId = this.keyring.currentKeyId;
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.keyring.keys[keyId], iv);
    cipher.setAAD(Buffer.from(keyId));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const tag = cipher.getAuthTag();
    return [
      'v1',
      keyId,
      iv.toString('base64url'),
      tag.toString('base64url'),
      body.toString('base64url'),
    ].join(':');
  }

  decrypt(sealed: string): string;
  decrypt(sealed: string | null | undefined): string | null;
  decrypt(sealed: string | null | undefined): string | null {
    if (sealed === null || sealed === undefined) {
      return null;
    }
    const [version, keyId, iv, tag, body] = sealed.split(':');
    const key = this.keyring.keys[keyId];
    if (version !== 'v1' || !key || !iv || !tag || body === undefined) {
      throw new Error(`Cannot decrypt a value sealed with unknown key "${keyId}"`);
    }
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(keyId));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([
      decipher.update(Buffer.from(body, 'base64url')),
      decipher.final(),
    ]).toString('utf8');
  }

  /** The key id new values are sealed with. */
  get currentKeyId(): string {
    return this.keyring.currentKeyId;
  }

  /** The key id a sealed value was encrypted with (for rotation). */
  keyIdOf(sealed: string): string {
    return sealed.split(':')[1];
  }

  /** A keyed hash for exact look-ups; `kind` separates e-mail hashes from phone hashes. */
  lookupHash(kind: string, normalised: string): string {
    return createHmac('sha256', this.keyring.hashKey)
      .update(`${kind}\u0000${normalised}`)
      .digest('base64url');
  }
}

/** Injection token for the service's PiiCipher. */
export const PII_CIPHER = Symbol('PII_CIPHER');

export function piiCipherFrom(keysSpec: string, hashKeySpec: string): PiiCipher {
  return new PiiCipher(parseKeyring(keysSpec, hashKeySpec));
}
