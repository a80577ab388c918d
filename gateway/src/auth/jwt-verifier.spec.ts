import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { DEV_TOKEN_AUDIENCE, DEV_TOKEN_ISSUER, Role } from '@civitas/contracts';
import { AuthenticationError } from './authentication.error.js';
import { JwtVerifier } from './jwt-verifier.js';

const KEY = 'k'.repeat(40);
const encode = (key: string) => new TextEncoder().encode(key);
const now = () => Math.floor(Date.now() / 1000);

function token(
  claims: Record<string, unknown>,
  options: {
    key?: string;
    expiresIn?: string | number | null;
    issuedAt?: number | null;
    sub?: string | null;
    issuer?: string | null;
    audience?: string | null;
  } = {},
) {
  const jwt = new SignJWT(claims).setProtectedHeader({ alg: 'HS256' });
  if (options.issuedAt !== null) {
    jwt.setIssuedAt(options.issuedAt);
  }
  if (options.sub !== null) {
    jwt.setSubject(options.sub ?? 'user-1');
  }
  if (options.issuer !== null) {
    jwt.setIssuer(options.issuer ?? DEV_TOKEN_ISSUER);
  }
  if (options.audience !== null) {
    jwt.setAudience(options.audience ?? DEV_TOKEN_AUDIENCE);
  }
  if (options.expiresIn !== null) {
    jwt.setExpirationTime(options.expiresIn ?? '1h');
  }
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

  it('checks a configured issuer and audience instead of the development ones', async () => {
    const strict = new JwtVerifier({
      devSigningKey: KEY,
      issuer: 'civitas-staging',
      audience: 'civitas',
    });
    const addressed = { issuer: 'civitas-staging', audience: 'civitas' };
    await expect(strict.verify(await token({}, addressed))).resolves.toMatchObject({
      sub: 'user-1',
    });
    await expect(
      strict.verify(await token({}, { ...addressed, issuer: 'elsewhere' })),
    ).rejects.toThrow('Token claim "iss" is not valid');
    await expect(strict.verify(await token({}))).rejects.toThrow('"iss"');
  });

  describe('development tokens', () => {
    it('must name the development issuer', async () => {
      await expect(verifier.verify(await token({}, { issuer: null }))).rejects.toThrow(
        'Token claim "iss" is required',
      );
      await expect(verifier.verify(await token({}, { issuer: 'some-other-app' }))).rejects.toThrow(
        'Token claim "iss" is not valid',
      );
    });

    it('must name the gateway as audience', async () => {
      await expect(verifier.verify(await token({}, { audience: null }))).rejects.toThrow(
        'Token claim "aud" is required',
      );
      await expect(verifier.verify(await token({}, { audience: 'some-api' }))).rejects.toThrow(
        'Token claim "aud" is not valid',
      );
    });

    it('must expire', async () => {
      await expect(
        verifier.verify(await token({ roles: [Role.Admin] }, { expiresIn: null })),
      ).rejects.toThrow('Token claim "exp" is required');
    });

    it('must say when they were issued', async () => {
      await expect(verifier.verify(await token({}, { issuedAt: null }))).rejects.toThrow(
        'Token claim "iat" is required',
      );
    });

    it('may not be issued in the future beyond the clock tolerance', async () => {
      const ahead = (seconds: number) =>
        token({}, { issuedAt: now() + seconds, expiresIn: now() + seconds + 3600 });
      await expect(verifier.verify(await ahead(10))).resolves.toMatchObject({ sub: 'user-1' });
      await expect(verifier.verify(await ahead(3600))).rejects.toThrow(
        'Token claim "iat" is in the future',
      );
    });

    it('may live at most the configured lifetime (24 h by default)', async () => {
      await expect(verifier.verify(await token({}, { expiresIn: '24h' }))).resolves.toMatchObject({
        sub: 'user-1',
      });
      for (const expiresIn of ['25h', '100y']) {
        await expect(verifier.verify(await token({}, { expiresIn }))).rejects.toThrow(
          'Token lifetime (exp - iat) is longer than accepted',
        );
      }
      const short = new JwtVerifier({ devSigningKey: KEY, maxLifetimeSeconds: 600 });
      await expect(short.verify(await token({}, { expiresIn: '10m' }))).resolves.toBeTruthy();
      await expect(short.verify(await token({}, { expiresIn: '11m' }))).rejects.toThrow(
        'Token lifetime',
      );
    });
  });
});

/** The production path: keys fetched from an identity provider's JWKS over real HTTP. */
describe('JwtVerifier with a JWKS', () => {
  const ISSUER = 'https://idp.test/';
  const AUDIENCE = 'civitas';
  let server: Server;
  let jwksUrl: string;
  let published: JWK[] = [];
  let jwksRequests = 0;

  interface SigningKey {
    kid: string;
    alg: 'RS256' | 'ES256';
    privateKey: CryptoKey;
    jwk: JWK;
  }

  async function signingKey(alg: 'RS256' | 'ES256', kid: string): Promise<SigningKey> {
    const { publicKey, privateKey } = await generateKeyPair(alg);
    return { kid, alg, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' } };
  }

  function idpToken(
    key: SigningKey,
    claims: { iss?: string; aud?: string; exp?: number | null; roles?: Role[] } = {},
  ): Promise<string> {
    const jwt = new SignJWT({ roles: claims.roles ?? [Role.Caseworker], departments: ['roads'] })
      .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'JWT' })
      .setSubject('idp-user-1')
      .setIssuer(claims.iss ?? ISSUER)
      .setAudience(claims.aud ?? AUDIENCE)
      .setIssuedAt(now() - 60);
    if (claims.exp !== null) {
      jwt.setExpirationTime(claims.exp ?? now() + 300);
    }
    return jwt.sign(key.privateKey);
  }

  const verifierFor = (cacheMaxAgeMs = 600_000) =>
    new JwtVerifier({
      jwksUrl,
      issuer: ISSUER,
      audience: AUDIENCE,
      jwksCacheMaxAgeMs: cacheMaxAgeMs,
      jwksCooldownMs: 0,
    });

  let rsa: SigningKey;
  let ec: SigningKey;

  beforeAll(async () => {
    rsa = await signingKey('RS256', 'rsa-2026-1');
    ec = await signingKey('ES256', 'ec-2026-1');
    published = [rsa.jwk, ec.jwk];
    server = createServer((req, res) => {
      if (req.url !== '/.well-known/jwks.json') {
        res.writeHead(404).end();
        return;
      }
      jwksRequests++;
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ keys: published }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('accepts RS256 and ES256 tokens from the provider, fetching its keys', async () => {
    const verifier = verifierFor();
    const before = jwksRequests;
    for (const key of [rsa, ec]) {
      await expect(verifier.verify(await idpToken(key))).resolves.toEqual({
        sub: 'idp-user-1',
        roles: [Role.Caseworker],
        departments: ['roads'],
      });
    }
    expect(jwksRequests).toBeGreaterThan(before);
  });

  it('refuses a token from another issuer or for another audience', async () => {
    const verifier = verifierFor();
    await expect(
      verifier.verify(await idpToken(rsa, { iss: 'https://evil.test/' })),
    ).rejects.toThrow('Token claim "iss" is not valid');
    await expect(verifier.verify(await idpToken(ec, { aud: 'another-app' }))).rejects.toThrow(
      'Token claim "aud" is not valid',
    );
  });

  it('refuses an expired token and one without an expiry', async () => {
    const verifier = verifierFor();
    await expect(verifier.verify(await idpToken(rsa, { exp: now() - 120 }))).rejects.toThrow(
      'Token has expired',
    );
    await expect(verifier.verify(await idpToken(rsa, { exp: null }))).rejects.toThrow(
      'Token claim "exp" is required',
    );
  });

  it('refuses an HS256 token signed with the public key as secret', async () => {
    const verifier = verifierFor();
    const forged = await new SignJWT({ roles: [Role.Admin] })
      .setProtectedHeader({ alg: 'HS256', kid: rsa.kid })
      .setSubject('x')
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(encode(JSON.stringify(rsa.jwk)));
    await expect(verifier.verify(forged)).rejects.toThrow('Token algorithm is not accepted');
  });

  it('follows a key rotation: the new key is accepted, the removed one refused', async () => {
    const verifier = verifierFor(200);
    const next = await signingKey('ES256', 'ec-2026-2');
    const oldToken = await idpToken(rsa);
    await expect(verifier.verify(oldToken)).resolves.toBeTruthy();
    await expect(verifier.verify(await idpToken(next))).rejects.toThrow(
      'Token was signed by an unknown key',
    );

    published = [next.jwk, ec.jwk];
    try {
      // An unknown kid makes the verifier look at the JWKS again.
      await expect(verifier.verify(await idpToken(next))).resolves.toMatchObject({
        sub: 'idp-user-1',
      });
      // Once the cached set is stale, the removed key no longer verifies anything.
      await new Promise((resolve) => setTimeout(resolve, 250));
      await expect(verifier.verify(oldToken)).rejects.toThrow('Token was signed by an unknown key');
    } finally {
      published = [rsa.jwk, ec.jwk];
    }
  });

  it('needs an issuer and an audience to trust a JWKS', () => {
    expect(() => new JwtVerifier({ jwksUrl, audience: AUDIENCE })).toThrow(
      'needs an issuer and an audience',
    );
    expect(() => new JwtVerifier({ jwksUrl, issuer: ISSUER })).toThrow(
      'needs an issuer and an audience',
    );
  });
});
