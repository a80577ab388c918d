import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Secrets a development platform needs. Generated once: PII encrypted with them must stay readable. */
export interface DevSecrets {
  GATEWAY_SECRET: string;
  AUTH_DEV_SIGNING_KEY: string;
  PII_KEYS: string;
  PII_HASH_KEY: string;
  /** Signs (citizens) and checks (cases) closure survey links (ADR 0060); empty: no survey links. */
  SURVEY_TOKEN_KEYS: string;
}

export const DEV_SECRET_NAMES: readonly (keyof DevSecrets)[] = [
  'GATEWAY_SECRET',
  'AUTH_DEV_SIGNING_KEY',
  'PII_KEYS',
  'PII_HASH_KEY',
  'SURVEY_TOKEN_KEYS',
];

export const devSecretsPath = (dataDir: string): string => join(dataDir, 'dev-secrets.json');

export function generateDevSecrets(): DevSecrets {
  return {
    GATEWAY_SECRET: randomBytes(32).toString('base64url'),
    AUTH_DEV_SIGNING_KEY: randomBytes(32).toString('base64url'),
    PII_KEYS: `dev1:${randomBytes(32).toString('base64')}`,
    PII_HASH_KEY: randomBytes(32).toString('base64'),
    SURVEY_TOKEN_KEYS: `dev1:${randomBytes(32).toString('base64')}`,
  };
}

/** The stored secrets, or null when `npm start` has never run here. */
export function readDevSecrets(dataDir: string): Partial<DevSecrets> | null {
  const path = devSecretsPath(dataDir);
  if (!existsSync(path)) {
    return null;
  }
  return JSON.parse(readFileSync(path, 'utf8')) as Partial<DevSecrets>;
}

/**
 * Secrets for this run: each from the environment when set, else from `<dataDir>/dev-secrets.json`,
 * else newly generated — and any newly generated one is written back so the next start reuses it.
 */
export function loadOrCreateDevSecrets(
  dataDir: string,
  env: NodeJS.ProcessEnv = process.env,
): DevSecrets {
  const stored = readDevSecrets(dataDir) ?? {};
  const fresh = generateDevSecrets();
  const persisted = { ...fresh, ...stored } as DevSecrets;
  if (DEV_SECRET_NAMES.some((name) => stored[name] === undefined)) {
    mkdirSync(dirname(devSecretsPath(dataDir)), { recursive: true });
    writeFileSync(devSecretsPath(dataDir), `${JSON.stringify(persisted, null, 2)}\n`, {
      mode: 0o600,
    });
  }
  const result = { ...persisted };
  for (const name of DEV_SECRET_NAMES) {
    const override = env[name];
    if (override) {
      result[name] = override;
    }
  }
  return result;
}
