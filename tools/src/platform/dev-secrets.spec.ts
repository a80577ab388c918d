import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { parseKeyring } from '@civitas/crypto';
import { devSecretsPath, loadOrCreateDevSecrets } from './dev-secrets.js';

describe('loadOrCreateDevSecrets', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'dev-secrets-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('generates usable secrets once and reuses them on the next start', () => {
    const first = loadOrCreateDevSecrets(dir, {});
    expect(first.GATEWAY_SECRET.length).toBeGreaterThanOrEqual(24);
    expect(first.AUTH_DEV_SIGNING_KEY.length).toBeGreaterThanOrEqual(32);
    expect(() => parseKeyring(first.PII_KEYS, first.PII_HASH_KEY)).not.toThrow();
    expect(statSync(devSecretsPath(dir)).mode & 0o777).toBe(0o600);
    expect(loadOrCreateDevSecrets(dir, {})).toEqual(first);
  });

  it('lets the environment override without rewriting the stored secrets', () => {
    const stored = loadOrCreateDevSecrets(dir, {});
    const overridden = loadOrCreateDevSecrets(dir, {
      GATEWAY_SECRET: 'from-the-environment-0123456789',
    });
    expect(overridden.GATEWAY_SECRET).toBe('from-the-environment-0123456789');
    expect(overridden.PII_KEYS).toBe(stored.PII_KEYS);
    expect(JSON.parse(readFileSync(devSecretsPath(dir), 'utf8'))).toEqual(stored);
  });

  it('keeps stored keys and adds only what is missing', () => {
    writeFileSync(devSecretsPath(dir), JSON.stringify({ PII_KEYS: 'old:AAAA', PII_HASH_KEY: 'h' }));
    const secrets = loadOrCreateDevSecrets(dir, {});
    expect(secrets).toMatchObject({ PII_KEYS: 'old:AAAA', PII_HASH_KEY: 'h' });
    expect(JSON.parse(readFileSync(devSecretsPath(dir), 'utf8')).GATEWAY_SECRET).toBe(
      secrets.GATEWAY_SECRET,
    );
  });
});
