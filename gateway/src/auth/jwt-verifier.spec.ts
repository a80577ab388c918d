import { describe, expect, it } from '@jest/globals';
import { SignJWT } from 'jose';
import { Role } from '@civitas/contracts';
import { AuthenticationError } from './authentication.error.js';
import { JwtVerifier } from './jwt-verifier.js';

const KEY = 'k'.repeat(40);
const encode = (key: string) => new TextEncoder().encode(key);

function token(
  claims: Record<string, unknown>,
  options: { key?: string; expiresIn?: string | number; sub?: string | null } = {},
) {
  const jwt = new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setIssuedAt();
  if (options.sub !== null) {
    jwt.setSubject(options.sub ?? 'user-1');
  }
  jwt.setExpirationTime(options.expiresIn ?? '1h');
  return jwt.sign(encode(options.key ?? KEY));
}

describe('JwtVerifier', () => {
  const verifier = new JwtVerifier({ devSigningKey: KEY });

  it('turns a valid token into an identity', async () => {
    const jwt = await token({
      roles: [Role.Caseworker],
      departments: ['roads'],
      client_id: 'app-7',
    });
    await expect(verifier.verify(jwt)).resolves.toEqual({
      sub: 'user-1',
      roles: [Role.Caseworker],
      departments: ['roads'],
      clientId: 'app-7',
    });
  });

  it('defaults missing roles and departments to none', async () => {
    const jwt = await token({});
    await expect(verifier.verify(jwt)).resolves.toEqual({
      sub: 'user-1',
      roles: [],
      departments: [],
    });
  });

  it('treats a missing Authorization header as anonymous, not as an error', async () => {
    await expect(verifier.identityFromAuthorization(undefined)).resolves.toBeNull();
  });

  it('reads the Bearer scheme case-insensitively', async () => {
    const jwt = await token({ roles: [Role.Agent] });
    await expect(verifier.identityFromAuthorization(`bearer ${jwt}`)).resolves.toMatchObject({
      roles: [Role.Agent],
    });
  });

  it('refuses a header that is not a bearer token', async () => {
    await expect(verifier.identityFromAuthorization('Basic dXNlcjpwYXNz')).rejects.toThrow(
      AuthenticationError,
    );
  });

  it('refuses an expired token', async () => {
    const jwt = await token(
      { roles: [Role.Agent] },
      { expiresIn: Math.floor(Date.now() / 1000) - 120 },
    );
    await expect(verifier.verify(jwt)).rejects.toThrow('Token has expired');
  });

  it('refuses a token signed with another key', async () => {
    const jwt = await token({ roles: [Role.Admin] }, { key: 'x'.repeat(40) });
    await expect(verifier.verify(jwt)).rejects.toThrow('Token signature is not valid');
  });

  it('refuses a token with an unknown role instead of dropping it', async () => {
    const jwt = await token({ roles: [Role.Agent, 'superuser'] });
    await expect(verifier.verify(jwt)).rejects.toThrow('unknown role(s): superuser');
  });

  it('refuses roles that are not an array of strings', async () => {
    await expect(verifier.verify(await token({ roles: 'admin' }))).rejects.toThrow(
      '"roles" must be an array',
    );
    await expect(verifier.verify(await token({ roles: [1] }))).rejects.toThrow(
      '"roles" must be an array',
    );
  });

  it('refuses a token without a subject', async () => {
    await expect(verifier.verify(await token({ roles: [] }, { sub: null }))).rejects.toThrow(
      'no subject',
    );
  });

  it('refuses an unsigned token', async () => {
    const header = Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url');
    const body = Buffer.from(JSON.stringify({ sub: 'u', roles: ['admin'] })).toString('base64url');
    await expect(verifier.verify(`${header}.${body}.`)).rejects.toThrow(AuthenticationError);
  });

  it('checks issuer and audience when configured', async () => {
    const strict = new JwtVerifier({
      devSigningKey: KEY,
      issuer: 'civitas-dev',
      audience: 'civitas',
    });
    const wrong = await new SignJWT({ roles: [] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('u')
      .setIssuer('elsewhere')
      .setAudience('civitas')
      .setExpirationTime('1h')
      .sign(encode(KEY));
    await expect(strict.verify(wrong)).rejects.toThrow('"iss"');
  });
});
