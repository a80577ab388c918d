import { describe, expect, it } from '@jest/globals';
import { jwtVerify } from 'jose';
import { Role } from '@civitas/contracts';
import { devTokenRefusal, signDevToken } from './dev-token.js';
import { lifetimeSeconds, maxLifetimeSeconds, parseTokenArgs } from './token-args.js';

describe('parseTokenArgs', () => {
  it('reads a role, subject and several departments', () => {
    expect(
      parseTokenArgs([
        '--role',
        'caseworker',
        '--sub',
        'cw-1',
        '--department',
        'roads',
        '--department=parks',
      ]),
    ).toEqual({
      roles: [Role.Caseworker],
      sub: 'cw-1',
      departments: ['roads', 'parks'],
      expiresIn: '8h',
    });
  });

  it('names a default subject after the role', () => {
    expect(parseTokenArgs(['--role=agent']).sub).toBe('dev-agent');
  });

  it('refuses an unknown role and lists the valid ones', () => {
    expect(() => parseTokenArgs(['--role', 'root'])).toThrow(
      'Unknown role "root". Valid roles: resident, agent, caseworker, supervisor, analyst, admin, integration',
    );
  });

  it('needs a role', () => {
    expect(() => parseTokenArgs(['--sub', 'x'])).toThrow('--role is required');
  });

  it('refuses a flag without its value and unknown flags', () => {
    expect(() => parseTokenArgs(['--role', '--sub', 'x'])).toThrow('--role needs a value');
    expect(() => parseTokenArgs(['--role', 'agent', '--admin'])).toThrow(
      'Unknown argument "--admin"',
    );
  });
});

describe('dev tokens', () => {
  const key = 'k'.repeat(43);

  it('are HS256 JWTs with the claims the gateway reads, valid 8 hours', async () => {
    const token = await signDevToken(
      parseTokenArgs(['--role', 'integration', '--client-id', 'app-1']),
      key,
    );
    const { payload, protectedHeader } = await jwtVerify(token, new TextEncoder().encode(key));
    expect(protectedHeader.alg).toBe('HS256');
    expect(payload).toMatchObject({
      iss: 'civitas-dev',
      aud: 'civitas-gateway',
      sub: 'dev-integration',
      roles: ['integration'],
      departments: [],
      client_id: 'app-1',
    });
    expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBe(8 * 3600);
  });

  it('are addressed as the gateway is configured when it differs from the defaults', async () => {
    const token = await signDevToken(parseTokenArgs(['--role', 'agent']), key, {
      issuer: 'civitas-staging',
      audience: 'civitas',
    });
    const { payload } = await jwtVerify(token, new TextEncoder().encode(key));
    expect(payload).toMatchObject({ iss: 'civitas-staging', aud: 'civitas' });
  });

  it('live no longer than the gateway accepts', () => {
    expect(parseTokenArgs(['--role', 'agent', '--expires', '24h']).expiresIn).toBe('24h');
    expect(() => parseTokenArgs(['--role', 'agent', '--expires', '100d'])).toThrow(
      '--expires 100d is longer than the gateway accepts (AUTH_MAX_TOKEN_LIFETIME_SECONDS=86400)',
    );
    expect(() => parseTokenArgs(['--role', 'agent', '--expires', '2h'], 3600)).toThrow(
      'AUTH_MAX_TOKEN_LIFETIME_SECONDS=3600',
    );
    expect(() => parseTokenArgs(['--role', 'agent', '--expires', 'forever'])).toThrow(
      '--expires must be a positive duration such as 30m, 8h or 1d, not "forever"',
    );
    expect(lifetimeSeconds('90')).toBe(90);
    expect(lifetimeSeconds('30m')).toBe(1800);
    expect(maxLifetimeSeconds({})).toBe(86400);
    expect(maxLifetimeSeconds({ AUTH_MAX_TOKEN_LIFETIME_SECONDS: '600' })).toBe(600);
    expect(() => maxLifetimeSeconds({ AUTH_MAX_TOKEN_LIFETIME_SECONDS: '1e9' })).toThrow(
      'AUTH_MAX_TOKEN_LIFETIME_SECONDS must be a positive whole number',
    );
  });

  it('are refused in production, with a JWKS, or without a key', () => {
    expect(
      devTokenRefusal({ NODE_ENV: 'production', AUTH_DEV_SIGNING_KEY: key }, undefined),
    ).toMatch(/NODE_ENV=production/);
    expect(devTokenRefusal({ AUTH_JWKS_URL: 'https://idp/jwks' }, key)).toMatch(/AUTH_JWKS_URL/);
    expect(devTokenRefusal({}, undefined)).toMatch(/run `npm start` once/);
    expect(devTokenRefusal({}, key)).toBeNull();
  });
});
