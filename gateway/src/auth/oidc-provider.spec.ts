import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { composeServices } from '@apollo/composition';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { graphql, parse } from 'graphql';
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import Provider, { errors as oidcErrors, type AsymmetricSigningAlgorithm } from 'oidc-provider';
import { decodeIdentity } from '@civitas/auth';
import { HEADER_GATEWAY_SECRET, HEADER_IDENTITY, Role } from '@civitas/contracts';
import { startTestGateway, type TestGateway } from '../testing/test-gateway.js';
import { AuthenticationError } from './authentication.error.js';
import { JwtVerifier } from './jwt-verifier.js';

/**
 * The production path against a real OpenID Connect provider (`oidc-provider`, started here):
 * it issues JWT access tokens by the client-credentials grant and publishes its keys at its JWKS
 * endpoint, which the gateway fetches. Resources choose the signing algorithm and audience.
 */
const AUDIENCE = 'civitas-gateway';
const CLIENT_ID = 'civitas-integration';
const CLIENT_SECRET = 'integration-secret-for-tests-0123456789';
const RESOURCES: Record<string, { alg: AsymmetricSigningAlgorithm; audience: string }> = {
  'https://api.civitas.test/rs256': { alg: 'RS256', audience: AUDIENCE },
  'https://api.civitas.test/es256': { alg: 'ES256', audience: AUDIENCE },
  'https://other-api.example/': { alg: 'RS256', audience: 'some-other-api' },
};

async function signingKey(alg: 'RS256' | 'ES256', kid: string): Promise<JWK> {
  const { privateKey } = await generateKeyPair(alg, { extractable: true });
  return { ...(await exportJWK(privateKey)), kid, alg, use: 'sig' };
}

/** An OpenID Connect provider at `issuer`, signing with `keys`. */
function provider(issuer: string, keys: JWK[]): Provider {
  return new Provider(issuer, {
    clients: [
      {
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
        grant_types: ['client_credentials'],
        redirect_uris: [],
        response_types: [],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    jwks: { keys: keys as never },
    ttl: { ClientCredentials: 300 },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => 'https://api.civitas.test/rs256',
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, resource) => {
          const server = RESOURCES[resource];
          if (!server) {
            throw new oidcErrors.InvalidTarget();
          }
          return {
            scope: 'api',
            audience: server.audience,
            accessTokenTTL: 300,
            accessTokenFormat: 'jwt',
            jwt: { sign: { alg: server.alg } },
          };
        },
      },
    },
    extraTokenClaims: () => ({ roles: [Role.Analyst] }),
  });
}

/**
 * An HTTP server on a port the OS picks, whose handler is a provider for its own URL; `rotate`
 * replaces the provider (same issuer) with one holding other keys, as a provider does at rotation.
 */
class ProviderServer {
  private handler: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) =>
    res.writeHead(503).end();
  private constructor(private readonly server: Server) {
    server.on('request', (req, res) => this.handler(req, res));
  }

  static async start(keys: JWK[]): Promise<ProviderServer> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const started = new ProviderServer(server);
    started.rotate(keys);
    return started;
  }

  get issuer(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  get jwksUrl(): string {
    return `${this.issuer}/jwks`;
  }

  rotate(keys: JWK[], issuer = this.issuer): void {
    this.handler = provider(issuer, keys).callback();
  }

  /** An access token by the client-credentials grant for `resource`. */
  async token(resource: string): Promise<string> {
    const res = await fetch(`${this.issuer}/token`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString('base64')}`,
      },
      body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'api', resource }),
    });
    const body = (await res.json()) as { access_token?: string; error?: string };
    if (!body.access_token) {
      throw new Error(`the provider issued no token: ${JSON.stringify(body)}`);
    }
    return body.access_token;
  }

  close(): void {
    this.server.closeAllConnections();
    this.server.close();
  }
}

const header = (token: string) =>
  JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString()) as {
    alg: string;
    kid: string;
  };

const refusal = async (promise: Promise<unknown>): Promise<string> => {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(AuthenticationError);
    return (error as Error).message;
  }
  throw new Error('the token was accepted');
};

describe('JwtVerifier against an OpenID Connect provider', () => {
  let idp: ProviderServer;
  let impostor: ProviderServer;
  let keys: JWK[];
  let verifier: JwtVerifier;

  beforeAll(async () => {
    keys = [await signingKey('RS256', 'rsa-1'), await signingKey('ES256', 'ec-1')];
    idp = await ProviderServer.start(keys);
    // Another provider holding the same keys: only the issuer tells its tokens apart.
    impostor = await ProviderServer.start(keys);
    verifier = new JwtVerifier({
      jwksUrl: idp.jwksUrl,
      issuer: idp.issuer,
      audience: AUDIENCE,
      jwksCooldownMs: 0,
    });
  });

  afterAll(() => {
    idp?.close();
    impostor?.close();
  });

  it.each([
    ['RS256', 'rsa-1'],
    ['ES256', 'ec-1'],
  ])('accepts a %s access token the provider issued', async (alg, kid) => {
    const token = await idp.token(`https://api.civitas.test/${alg.toLowerCase()}`);
    expect(header(token)).toMatchObject({ alg, kid });
    await expect(verifier.verify(token)).resolves.toEqual({
      sub: CLIENT_ID,
      roles: [Role.Analyst],
      departments: [],
      clientId: CLIENT_ID,
    });
  });

  it('refuses a token issued for another audience', async () => {
    const token = await idp.token('https://other-api.example/');
    expect(await refusal(verifier.verify(token))).toBe('Token claim "aud" is not valid');
  });

  it('refuses a token from another issuer, though signed with a trusted key', async () => {
    const token = await impostor.token('https://api.civitas.test/rs256');
    expect(header(token).kid).toBe('rsa-1');
    expect(await refusal(verifier.verify(token))).toBe('Token claim "iss" is not valid');
  });

  it('picks up a rotated key and refuses tokens of the key the provider removed', async () => {
    const before = await idp.token('https://api.civitas.test/rs256');
    await expect(verifier.verify(before)).resolves.toMatchObject({ sub: CLIENT_ID });
    const rotated = [await signingKey('RS256', 'rsa-2'), keys[1]];
    idp.rotate(rotated);
    const after = await idp.token('https://api.civitas.test/rs256');
    expect(header(after).kid).toBe('rsa-2');
    await expect(verifier.verify(after)).resolves.toMatchObject({ sub: CLIENT_ID });
    expect(await refusal(verifier.verify(before))).toBe('Token was signed by an unknown key');
    idp.rotate(keys);
  });
});

describe('the gateway with an OpenID Connect provider', () => {
  const SECRET = 'gateway-secret-for-tests-0123456789';
  const SDL = `
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
    type Query { whoami: Caller! }
    type Caller { sub: String roles: [String!]! }
  `;
  const PAGE = '<!doctype html><html><head><title>app</title></head><body></body></html>';
  let idp: ProviderServer;
  let subgraph: Server;
  let gateway: TestGateway;
  let base: string;
  let dir: string;

  beforeAll(async () => {
    idp = await ProviderServer.start([
      await signingKey('RS256', 'rsa-g'),
      await signingKey('ES256', 'ec-g'),
    ]);
    const schema = buildSubgraphSchema({
      typeDefs: parse(SDL),
      resolvers: {
        Query: {
          whoami: (_: unknown, __: unknown, context: unknown) =>
            decodeIdentity((context as { identity: string | undefined }).identity),
        },
      },
    });
    subgraph = createServer((req, res) => {
      if (req.headers[HEADER_GATEWAY_SECRET] !== SECRET) {
        res.writeHead(401).end();
        return;
      }
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        const { query } = JSON.parse(body) as { query: string };
        void graphql({
          schema,
          source: query,
          contextValue: { identity: req.headers[HEADER_IDENTITY] },
        }).then((result) =>
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(result)),
        );
      });
    });
    await new Promise<void>((resolve) => subgraph.listen(0, '127.0.0.1', resolve));
    const composed = composeServices([
      { name: 'cases', typeDefs: parse(SDL), url: 'http://composed-url-is-ignored/graphql' },
    ]);
    if (composed.errors) {
      throw new Error(composed.errors.map((e) => e.message).join('\n'));
    }
    dir = mkdtempSync(join(tmpdir(), 'oidc-gateway-spec-'));
    writeFileSync(join(dir, 'supergraph.graphql'), composed.supergraphSdl);
    mkdirSync(join(dir, 'web'));
    writeFileSync(join(dir, 'web', 'index.html'), PAGE);
    gateway = await startTestGateway({
      WEB_APP_DIR: join(dir, 'web'),
      AUTH_WEB_CLIENT_ID: 'civitas-web',
      GATEWAY_SECRET: SECRET,
      AUTH_DEV_SIGNING_KEY: '',
      AUTH_JWKS_URL: idp.jwksUrl,
      AUTH_ISSUER: idp.issuer,
      AUTH_AUDIENCE: AUDIENCE,
      SUPERGRAPH_PATH: join(dir, 'supergraph.graphql'),
      CASES_URL: `http://127.0.0.1:${(subgraph.address() as AddressInfo).port}/graphql`,
    });
    base = gateway.base;
  });

  afterAll(async () => {
    await gateway?.close();
    idp?.close();
    subgraph?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const whoami = (token: string) =>
    fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: '{ whoami { sub roles } }' }),
    });

  it("forwards the identity in the provider's ES256 and RS256 tokens", async () => {
    for (const resource of ['https://api.civitas.test/es256', 'https://api.civitas.test/rs256']) {
      const res = await whoami(await idp.token(resource));
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({
        data: { whoami: { sub: CLIENT_ID, roles: [Role.Analyst] } },
      });
    }
  });

  it('answers 401 to a token the provider issued for another audience', async () => {
    const res = await whoami(await idp.token('https://other-api.example/'));
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({
      errors: [
        { message: 'Token claim "aud" is not valid', extensions: { code: 'UNAUTHENTICATED' } },
      ],
    });
  });

  it('tells the web app where to sign in, and lets its pages reach the issuer (docs/adr/0091)', async () => {
    const res = await fetch(`${base}/sign-in`, { headers: { accept: 'text/html' } });
    const html = await res.text();
    const content = /<meta name="civitas-sign-in" content="([^"]*)" \/>/.exec(html)?.[1];
    expect(JSON.parse(content!.replace(/&quot;/g, '"').replace(/&amp;/g, '&'))).toEqual({
      issuer: idp.issuer,
      clientId: 'civitas-web',
      scopes: 'openid profile',
    });
    expect(res.headers.get('content-security-policy')).toContain(
      `connect-src 'self' ${idp.issuer}`,
    );
    // Nothing secret reaches the page: no signing key, no gateway secret.
    expect(html).not.toContain(SECRET);
  });

  it("answers /auth/session with whom the provider's token names, as the gateway verified it", async () => {
    const token = await idp.token('https://api.civitas.test/rs256');
    const res = await fetch(`${base}/auth/session`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = (await res.json()) as { expiresAt: string };
    expect(body).toEqual({
      sub: CLIENT_ID,
      roles: [Role.Analyst],
      departments: [],
      expiresAt: expect.any(String),
    });
    expect(Date.parse(body.expiresAt) - Date.now()).toBeGreaterThan(200_000);

    const foreign = await fetch(`${base}/auth/session`, {
      headers: { authorization: `Bearer ${await idp.token('https://other-api.example/')}` },
    });
    expect([foreign.status, await foreign.json()]).toEqual([
      401,
      {
        errors: [
          { message: 'Token claim "aud" is not valid', extensions: { code: 'UNAUTHENTICATED' } },
        ],
      },
    ]);
    const none = await fetch(`${base}/auth/session`);
    expect(none.status).toBe(401);
    expect(
      ((await none.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions
        .code,
    ).toBe('UNAUTHENTICATED');
  });
});
