import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from '@civitas/config';
import { IntakeConfig } from './intake.config.js';

const random = (bytes = 32) => randomBytes(bytes).toString('base64');

/** A production environment with secrets of its own. */
function goodProduction(): Record<string, string> {
  return {
    NODE_ENV: 'production',
    DATABASE_URL: `postgres://civitas_intake:${randomBytes(18).toString('base64url')}@db.internal:5432/postgres`,
    NATS_URL: 'nats://nats.internal:4222',
    GATEWAY_SECRET: random(),
    PII_KEYS: `k1:${random()}`,
    PII_HASH_KEY: random(),
  };
}

function refusal(env: Record<string, string>): ConfigError {
  try {
    loadConfig(IntakeConfig, env);
  } catch (error) {
    if (error instanceof ConfigError) {
      return error;
    }
    throw error;
  }
  throw new Error('the config was accepted');
}

const SECRET_VARIABLES = [
  'PII_KEYS',
  'PII_HASH_KEY',
  'DATABASE_URL',
  'GATEWAY_SECRET',
  'NATS_PASSWORD',
];

/** Every value the repository publishes for a secret: docker-compose.yml's defaults and deploy/secret.example.yaml. */
function publishedSecrets(): [string, string][] {
  const root = fileURLToPath(new URL('../../../../', import.meta.url));
  const compose = readFileSync(join(root, 'docker-compose.yml'), 'utf8');
  const example = readFileSync(join(root, 'deploy', 'secret.example.yaml'), 'utf8');
  const found: [string, string][] = [];
  for (const [, name, value] of compose.matchAll(/^\s+([A-Z_]+): \$\{[A-Z_]+:-([^}]+)\}/gm)) {
    found.push([name, value]);
  }
  for (const [, name, value] of compose.matchAll(/^\s+(DATABASE_URL): (\S+)/gm)) {
    found.push([name, value]);
  }
  const stringData = example.slice(example.indexOf('stringData:'));
  for (const [, name, value] of stringData.matchAll(/^\s+([A-Z_]+): (\S+)/gm)) {
    // INTAKE_PII_KEYS is intake's PII_KEYS, INTAKE_DATABASE_URL its DATABASE_URL.
    const variable = SECRET_VARIABLES.find((v) => name === v || name.endsWith(`_${v}`));
    if (variable) {
      found.push([variable, value]);
    }
  }
  return found.filter(([name]) => SECRET_VARIABLES.includes(name));
}

describe('IntakeConfig in production (docs/adr/0042)', () => {
  it('starts with secrets of its own', () => {
    const config = loadConfig(IntakeConfig, goodProduction());
    expect(config.NODE_ENV).toBe('production');
  });

  const published = publishedSecrets();

  it('finds the published placeholders to check', () => {
    expect(published.map(([name]) => name).sort()).toEqual(
      expect.arrayContaining([
        'DATABASE_URL',
        'GATEWAY_SECRET',
        'NATS_PASSWORD',
        'PII_HASH_KEY',
        'PII_KEYS',
      ]),
    );
    expect(published.length).toBeGreaterThanOrEqual(10);
  });

  it.each(published)(
    'refuses the published %s, naming the variable but not the value',
    (name, value) => {
      const error = refusal({ ...goodProduction(), [name]: value });
      expect(error.problems.map((p) => p.variable)).toEqual([name]);
      const password = /:\/\/[^:]+:([^@]+)@/.exec(value)?.[1];
      for (const part of [value, ...value.split(/[:,]/), password].filter(
        (p) => p && p.length >= 6,
      )) {
        expect(error.message).not.toContain(part);
      }
    },
  );

  it('takes the published placeholders in development, as docker compose runs', () => {
    const env: Record<string, string> = { ...goodProduction(), NODE_ENV: 'development' };
    for (const [name, value] of published.filter(([, v]) => !v.startsWith('REPLACE'))) {
      env[name] = value;
    }
    expect(loadConfig(IntakeConfig, env).NODE_ENV).toBe('development');
  });

  it('refuses one secret used for two purposes, naming the variable and the one it repeats', () => {
    const env = goodProduction();
    const key = random();
    const sealAndHash = refusal({ ...env, PII_KEYS: `k1:${key}`, PII_HASH_KEY: key });
    expect(sealAndHash.problems).toEqual([
      { variable: 'PII_HASH_KEY', reason: expect.stringContaining('same secret as PII_KEYS') },
    ]);
    expect(sealAndHash.message).not.toContain(key);
    // The gateway secret written as the very key, or the database password as the secret.
    expect(refusal({ ...env, GATEWAY_SECRET: env.PII_HASH_KEY }).problems[0]).toMatchObject({
      variable: 'PII_HASH_KEY',
      reason: expect.stringContaining('same secret as GATEWAY_SECRET'),
    });
    const password = random();
    const shared = refusal({
      ...env,
      GATEWAY_SECRET: password,
      DATABASE_URL: `postgres://intake:${encodeURIComponent(password)}@db.internal/postgres`,
    });
    expect(shared.problems.map((p) => p.variable).sort()).toEqual(['GATEWAY_SECRET']);
    expect(shared.message).not.toContain(password);
  });

  it('refuses short and uniform secrets in production, without their value', () => {
    const short = 'Zx81-Qw7!pL0-mN2_vB6+tY4'; // 24 characters: enough in development only
    expect(
      loadConfig(IntakeConfig, {
        ...goodProduction(),
        NODE_ENV: 'development',
        GATEWAY_SECRET: short,
      }).GATEWAY_SECRET,
    ).toBe(short);
    const error = refusal({ ...goodProduction(), GATEWAY_SECRET: short });
    expect(error.problems).toEqual([
      { variable: 'GATEWAY_SECRET', reason: expect.stringContaining('at least 32 characters') },
    ]);
    expect(error.message).not.toContain(short);
    const uniform = refusal({
      ...goodProduction(),
      PII_HASH_KEY: Buffer.alloc(32, 7).toString('base64'),
    });
    expect(uniform.problems).toEqual([
      { variable: 'PII_HASH_KEY', reason: expect.stringContaining('not random') },
    ]);
  });

  it('never prints a secret it refuses for its format, in any environment', () => {
    const badKey = 'k1:not-base64-but-a-secret-nonetheless';
    const error = refusal({
      ...goodProduction(),
      NODE_ENV: 'development',
      PII_KEYS: badKey,
      GATEWAY_SECRET: 'tooshort-secret',
    });
    expect(error.problems.map((p) => p.variable).sort()).toEqual(['GATEWAY_SECRET', 'PII_KEYS']);
    expect(error.message).not.toContain('not-base64-but-a-secret');
    expect(error.message).not.toContain('tooshort-secret');
    expect(error.message).toContain('(value not shown)');
  });

  it('shows a bad database URL without its password', () => {
    const error = refusal({
      ...goodProduction(),
      DATABASE_URL: 'mysql://intake:Sup3rS3cretPassw0rd@db/x',
    });
    expect(error.problems.map((p) => p.variable)).toEqual(['DATABASE_URL']);
    expect(error.message).not.toContain('Sup3rS3cretPassw0rd');
  });
});
