import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { decodeJwt } from 'jose';
import {
  startTestGateway,
  startTestSubgraphs,
  type TestGateway,
  type TestSubgraphs,
} from '../testing/test-gateway.js';

const SDL = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
  type Query { ping: String }
`;
const PAGE = '<!doctype html><html><body><div id="root">the web app</div></body></html>';

describe('the web app at / and the development sign-in (docs/adr/0072)', () => {
  let subgraphs: TestSubgraphs;
  let gateway: TestGateway;
  let webDir: string;

  beforeAll(async () => {
    subgraphs = await startTestSubgraphs([
      { name: 'cases', sdl: SDL, resolvers: { Query: { ping: () => 'pong' } } },
    ]);
    webDir = mkdtempSync(join(tmpdir(), 'civitas-web-'));
    mkdirSync(join(webDir, 'assets'));
    writeFileSync(join(webDir, 'index.html'), PAGE);
    writeFileSync(join(webDir, 'assets', 'index-abc123.js'), 'console.log(1);');
    gateway = await startTestGateway({
      ...subgraphs.env,
      WEB_APP_DIR: webDir,
    });
  });

  afterAll(async () => {
    await gateway?.close();
    await subgraphs?.close();
    rmSync(webDir, { recursive: true, force: true });
  });

  it('answers every page path with the app, under a policy that lets it load its own files only', async () => {
    for (const path of ['/', '/report', '/track/SR-2026-0000001']) {
      const res = await fetch(`${gateway.base}${path}`, { headers: { accept: 'text/html' } });
      expect([path, res.status, await res.text()]).toEqual([path, 200, PAGE]);
      const csp = res.headers.get('content-security-policy');
      expect(csp).toContain("default-src 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("connect-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(res.headers.get('cache-control')).toBe('no-cache');
    }
    const asset = await fetch(`${gateway.base}/assets/index-abc123.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toMatch(/javascript/);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await fetch(`${gateway.base}/assets/missing.js`)).status).toBe(404);
  });

  it('never shadows the APIs: GraphQL, Open311, health and the downloads answer as before', async () => {
    const graphql = await fetch(`${gateway.base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ ping }' }),
    });
    expect(await graphql.json()).toEqual({ data: { ping: 'pong' } });
    expect(graphql.headers.get('content-security-policy')).toBe(
      "default-src 'none';frame-ancestors 'none';base-uri 'none';form-action 'none'",
    );
    for (const path of [
      '/health/live',
      '/open311/discovery.json',
      '/open-data/cases.csv',
      '/graphql/x',
    ]) {
      const res = await fetch(`${gateway.base}${path}`, { headers: { accept: 'text/html' } });
      expect([path, await res.text()]).not.toEqual([path, PAGE]);
    }
  });

  it('mints a development token for a role and departments, which /graphql then accepts', async () => {
    const res = await fetch(`${gateway.base}/auth/dev-token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ role: 'caseworker', departments: ['streets'] }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = (await res.json()) as { token: string; sub: string; expiresAt: string };
    expect(decodeJwt(body.token)).toMatchObject({
      sub: 'dev-caseworker',
      roles: ['caseworker'],
      departments: ['streets'],
    });
    expect(Date.parse(body.expiresAt)).toBeGreaterThan(Date.now());
    const ping = await fetch(`${gateway.base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${body.token}` },
      body: JSON.stringify({ query: '{ ping }' }),
    });
    expect([ping.status, await ping.json()]).toEqual([200, { data: { ping: 'pong' } }]);
  });

  it('mints a token for a subject as identity providers write them', async () => {
    for (const sub of ['auth0|1234', 'google-oauth2|10769150350006150715113082367', 'login|ana']) {
      const res = await fetch(`${gateway.base}/auth/dev-token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ role: 'resident', sub }),
      });
      expect([res.status, decodeJwt(((await res.json()) as { token: string }).token).sub]).toEqual([
        200,
        sub,
      ]);
    }
  });

  it('refuses a role no token may carry, or a bad department, naming the field', async () => {
    const cases: [object, string][] = [
      [{ role: 'internal' }, 'role'],
      [{ role: 'root' }, 'role'],
      [{ role: 'agent', departments: ['Streets; DROP'] }, 'departments'],
      [{ role: 'agent', sub: 'a b' }, 'sub'],
      [{ role: 'agent', sub: 'x'.repeat(101) }, 'sub'],
    ];
    for (const [input, field] of cases) {
      const res = await fetch(`${gateway.base}/auth/dev-token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(input),
      });
      const body = (await res.json()) as { error: { code: string; field: string } };
      expect([res.status, body.error.code, body.error.field]).toEqual([
        400,
        'BAD_USER_INPUT',
        field,
      ]);
    }
  });

  it('has no development sign-in when tokens come from an identity provider, and no pages without a build', async () => {
    const withIdp = await startTestGateway({
      ...subgraphs.env,
      AUTH_JWKS_URL: 'http://127.0.0.1:9/jwks',
      AUTH_ISSUER: 'https://idp.example.gov',
      AUTH_AUDIENCE: 'civitas',
      WEB_APP_DIR: join(webDir, 'assets'),
    });
    try {
      const res = await fetch(`${withIdp.base}/auth/dev-token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ role: 'admin' }),
      });
      expect(res.status).toBe(404);
      expect((await fetch(`${withIdp.base}/`)).status).toBe(404);
    } finally {
      await withIdp.close();
    }
  });

  it('tells the pages the map tile URL when one is set, and lets them load images from its origin only', async () => {
    const tiled = mkdtempSync(join(tmpdir(), 'civitas-web-'));
    writeFileSync(
      join(tiled, 'index.html'),
      '<!doctype html><html><head><title>app</title></head><body></body></html>',
    );
    const withTiles = await startTestGateway({
      ...subgraphs.env,
      WEB_APP_DIR: tiled,
      WEB_MAP_TILE_URL: 'https://tiles.example.gov/base/{z}/{x}/{y}.png?style=a&b',
    });
    try {
      const res = await fetch(`${withTiles.base}/supervisor`);
      expect(await res.text()).toContain(
        '<meta name="civitas-map-tiles" content="https://tiles.example.gov/base/{z}/{x}/{y}.png?style=a&amp;b" /></head>',
      );
      expect(res.headers.get('content-security-policy')).toContain(
        "img-src 'self' data: https://tiles.example.gov;",
      );
      // Without one, the page is as built and images come from the app itself.
      const plain = await fetch(`${gateway.base}/supervisor`);
      expect(await plain.text()).toBe(PAGE);
      expect(plain.headers.get('content-security-policy')).toContain("img-src 'self' data:;");
    } finally {
      await withTiles.close();
      rmSync(tiled, { recursive: true, force: true });
    }
  });
});
