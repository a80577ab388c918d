import { randomBytes } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { BaseServiceConfig } from './base-service.config.js';
import { ConfigError, loadConfig } from './load-config.js';

const REQUIRED = {
  DATABASE_URL: 'postgres://localhost:5432/x',
  GATEWAY_SECRET: 'a-gateway-secret-of-24-chars',
};

describe('a service’s NATS_URL', () => {
  it('takes one server or the servers of a cluster, separated by commas', () => {
    for (const url of ['nats://127.0.0.1:4222', 'nats://a:4222,nats://b:4222, tls://c:4222']) {
      expect(loadConfig(BaseServiceConfig, { ...REQUIRED, NATS_URL: url }).NATS_URL).toBe(url);
    }
  });

  it.each([['http://a:4222'], ['nats://a:4222,http://b:4222'], ['nats://a:4222,']])(
    'refuses %s, naming the variable',
    (url) => {
      expect(() => loadConfig(BaseServiceConfig, { ...REQUIRED, NATS_URL: url })).toThrow(
        'NATS_URL: must be a nats:// URL, or several separated by commas',
      );
    },
  );
});

describe('a service’s NATS user (docs/adr/0046)', () => {
  it('connects without credentials when none are given', () => {
    const config = loadConfig(BaseServiceConfig, REQUIRED);
    expect(config.NATS_USER).toBeUndefined();
    expect(config.NATS_PASSWORD).toBeUndefined();
  });

  it('takes a user with its password', () => {
    const config = loadConfig(BaseServiceConfig, {
      ...REQUIRED,
      NATS_USER: 'intake',
      NATS_PASSWORD: 's3cret',
    });
    expect(config).toMatchObject({ NATS_USER: 'intake', NATS_PASSWORD: 's3cret' });
  });

  it('refuses a user without a password, naming the variable', () => {
    expect(() => loadConfig(BaseServiceConfig, { ...REQUIRED, NATS_USER: 'intake' })).toThrow(
      'NATS_PASSWORD: is required with NATS_USER',
    );
  });
});

describe('a service’s NATS password in production (docs/adr/0042, 0046)', () => {
  const random = () => randomBytes(32).toString('base64');
  const production = () => ({
    NODE_ENV: 'production',
    DATABASE_URL: `postgres://intake:${randomBytes(18).toString('base64url')}@db.internal/postgres`,
    GATEWAY_SECRET: random(),
    NATS_USER: 'intake',
    NATS_PASSWORD: random(),
  });
  const problemsOf = (env: Record<string, string>): { variable: string; reason: string }[] => {
    try {
      loadConfig(BaseServiceConfig, env);
    } catch (error) {
      if (error instanceof ConfigError) {
        expect(error.message).not.toContain(env.NATS_PASSWORD);
        return error.problems;
      }
      throw error;
    }
    return [];
  };

  it('takes a generated one', () => {
    expect(problemsOf(production())).toEqual([]);
  });

  it.each([
    ['the placeholder of deploy/secret.example.yaml', 'REPLACE-random'],
    ["docker-compose.yml's development default", 'replace-me-dev-only-nats-password-intake'],
    ['a word for a placeholder', 'change-me-4f8a9b2c7d1e6f3a0b5c8d9e2f1a'],
  ])('refuses %s, naming the variable but not the value', (_what, value) => {
    expect(problemsOf({ ...production(), NATS_PASSWORD: value })).toEqual([
      { variable: 'NATS_PASSWORD', reason: expect.stringContaining('placeholder') },
    ]);
  });

  it('refuses a short one, which development takes', () => {
    const short = 'Zx81-Qw7!pL0-mN2_vB6+tY4';
    expect(problemsOf({ ...production(), NATS_PASSWORD: short })).toEqual([
      { variable: 'NATS_PASSWORD', reason: expect.stringContaining('at least 32 characters') },
    ]);
    expect(problemsOf({ ...production(), NODE_ENV: 'development', NATS_PASSWORD: short })).toEqual(
      [],
    );
  });

  it('refuses the value of another secret, naming both variables', () => {
    const env = production();
    // The one declared later is named, with the one it repeats.
    expect(problemsOf({ ...env, NATS_PASSWORD: env.GATEWAY_SECRET })).toEqual([
      {
        variable: 'GATEWAY_SECRET',
        reason: expect.stringContaining('same secret as NATS_PASSWORD'),
      },
    ]);
    const password = random();
    expect(
      problemsOf({
        ...env,
        NATS_PASSWORD: password,
        DATABASE_URL: `postgres://intake:${encodeURIComponent(password)}@db.internal/postgres`,
      }).map((p) => p.reason),
    ).toEqual([expect.stringMatching(/same secret as (DATABASE_URL|NATS_PASSWORD)/)]);
  });
});
