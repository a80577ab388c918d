import { get, type IncomingMessage, type ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { decodeIdentity } from '@civitas/auth';
import { HEADER_CORRELATION_ID, HEADER_GATEWAY_SECRET, HEADER_IDENTITY } from '@civitas/contracts';
import {
  devToken,
  startTestGatewayOver,
  TEST_GATEWAY_SECRET,
  type TestGateway,
} from '../testing/test-gateway.js';
import { subgraphTarget } from './streamed-downloads.js';

const SDL = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
  type Query { ping: String }
`;

const token = (sub: string, roles: string[]) => devToken(sub, { roles });

const codes = (body: unknown) =>
  ((body as { errors?: { extensions?: { code?: string } }[] }).errors ?? []).map(
    (e) => e.extensions?.code,
  );

/** What the stand-in analytics subgraph saw of each call. */
interface Seen {
  url: string;
  headers: IncomingMessage['headers'];
}

describe('streamed downloads through the gateway (docs/adr/0057)', () => {
  let gateway: TestGateway;
  let base: string;
  const seen: Seen[] = [];
  let releaseSecondChunk: () => void = () => undefined;

  const rest = (req: IncomingMessage, res: ServerResponse): void => {
    seen.push({ url: req.url ?? '', headers: req.headers });
    const path = (req.url ?? '').split('?')[0];
    if (path === '/rest/open-data/rows.csv') {
      if (req.headers['if-none-match'] === '"v1"') {
        res.writeHead(304, { etag: '"v1"' }).end();
        return;
      }
      res.writeHead(200, {
        'content-type': 'text/csv; charset=utf-8',
        etag: '"v1"',
        'last-modified': 'Mon, 07 Dec 2026 00:00:00 GMT',
        'set-cookie': 'session=from-the-subgraph',
        'x-internal': 'not for clients',
      });
      res.end('ticket,status\nCIV-1,OPEN\n');
      return;
    }
    if (path === '/rest/open-data/slow.csv') {
      // The second chunk waits until the client has read the first: a gateway that held the
      // whole body before answering would never deliver the first.
      res.writeHead(200, { 'content-type': 'text/csv' });
      res.write('first\n');
      releaseSecondChunk = () => res.end('second\n');
      return;
    }
    if (path === '/rest/open-data/refused.csv') {
      res.writeHead(400, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          errors: [{ message: 'from must be a date', extensions: { code: 'BAD_USER_INPUT' } }],
        }),
      );
      return;
    }
    if (path === '/rest/open-data/broken.csv') {
      res.writeHead(500, { 'content-type': 'text/html' }).end('<pre>Error: at secret.ts:12</pre>');
      return;
    }
    if (path === '/rest/open-data/silent.csv') {
      return; // never answers: the gateway's first-byte bound ends it
    }
    res.writeHead(404).end();
  };

  beforeAll(async () => {
    gateway = await startTestGatewayOver(
      [{ name: 'analytics', sdl: SDL, resolvers: { Query: { ping: () => 'pong' } }, rest }],
      {
        DOWNLOAD_FIRST_BYTE_MS: '300',
        CORS_ORIGINS: 'https://app.example.gov',
      },
    );
    base = gateway.base;
  });

  afterAll(async () => {
    releaseSecondChunk();
    await gateway?.close();
  });

  it('streams the subgraph answer with its caching headers, and only those', async () => {
    const res = await fetch(`${base}/open-data/rows.csv?from=2026-01-01&service_code=POT`, {
      headers: { origin: 'https://app.example.gov' },
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('ticket,status\nCIV-1,OPEN\n');
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('etag')).toBe('"v1"');
    expect(res.headers.get('last-modified')).toBe('Mon, 07 Dec 2026 00:00:00 GMT');
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(res.headers.get('x-internal')).toBeNull();
    // The gateway's own headers (ADR 0044) are on the download too.
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('access-control-allow-origin')).toBe('https://app.example.gov');
    expect(res.headers.get('access-control-expose-headers')).toContain('ETag');
    expect(seen.at(-1)?.url).toBe('/rest/open-data/rows.csv?from=2026-01-01&service_code=POT');
  });

  it('answers 304 when the client already holds the current file', async () => {
    const res = await fetch(`${base}/open-data/rows.csv`, { headers: { 'if-none-match': '"v1"' } });
    expect(res.status).toBe(304);
    expect(res.headers.get('etag')).toBe('"v1"');
  });

  it('tells the subgraph who calls as for GraphQL, and believes no identity header of the client', async () => {
    const authorization = `Bearer ${await token('analyst-7', ['analyst'])}`;
    const forged = Buffer.from(JSON.stringify({ sub: 'x', roles: ['admin'] })).toString(
      'base64url',
    );
    const res = await fetch(`${base}/analytics/export/case-stats.csv`, {
      headers: {
        authorization,
        [HEADER_IDENTITY]: forged,
        [HEADER_GATEWAY_SECRET]: 'guess',
        [HEADER_CORRELATION_ID]: 'download-42',
      },
    });
    await res.arrayBuffer();
    const call = seen.at(-1)!;
    expect(call.url).toBe('/rest/analytics/export/case-stats.csv');
    expect(call.headers[HEADER_GATEWAY_SECRET]).toBe(TEST_GATEWAY_SECRET);
    expect(decodeIdentity(call.headers[HEADER_IDENTITY] as string)).toMatchObject({
      sub: 'analyst-7',
      roles: ['analyst'],
    });
    expect(call.headers[HEADER_CORRELATION_ID]).toBe('download-42');
    expect(call.headers.authorization).toBeUndefined();

    await (await fetch(`${base}/open-data/rows.csv`)).arrayBuffer();
    expect(decodeIdentity(seen.at(-1)!.headers[HEADER_IDENTITY] as string)).toMatchObject({
      sub: null,
      roles: [],
    });
  });

  it('refuses a token that does not verify, as /graphql does', async () => {
    const res = await fetch(`${base}/open-data/rows.csv`, {
      headers: { authorization: 'Bearer not-a-token' },
    });
    expect(res.status).toBe(401);
    expect(codes(await res.json())).toEqual(['UNAUTHENTICATED']);
  });

  it('delivers each chunk as the subgraph sends it, without holding the whole body', async () => {
    const res = await fetch(`${base}/open-data/slow.csv`);
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    const first = await reader.read();
    expect(decoder.decode(first.value)).toBe('first\n');
    releaseSecondChunk();
    let rest = '';
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      rest += decoder.decode(chunk.value);
    }
    expect(rest).toBe('second\n');
  });

  it("passes on the subgraph's own refusal, and hides a failure behind a correlation id", async () => {
    const refused = await fetch(`${base}/open-data/refused.csv`);
    expect(refused.status).toBe(400);
    expect(codes(await refused.json())).toEqual(['BAD_USER_INPUT']);

    const broken = await fetch(`${base}/open-data/broken.csv`, {
      headers: { [HEADER_CORRELATION_ID]: 'broken-1' },
    });
    expect(broken.status).toBe(502);
    const body = await broken.text();
    expect(body).not.toContain('secret.ts');
    expect(JSON.parse(body)).toEqual({
      errors: [
        {
          message: 'Internal error',
          extensions: { code: 'INTERNAL_SERVER_ERROR', correlationId: 'broken-1' },
        },
      ],
    });
  });

  it('answers 504 when the subgraph does not start answering within DOWNLOAD_FIRST_BYTE_MS', async () => {
    const res = await fetch(`${base}/open-data/silent.csv`);
    expect(res.status).toBe(504);
    expect(codes(await res.json())).toEqual(['GATEWAY_TIMEOUT']);
  });

  it('never leaves the route: dot segments are not found', async () => {
    for (const path of ['/open-data/../../graphql', '/open-data/%2e%2e/%2E%2E/graphql']) {
      // node:http with a path sends it as written (fetch, or a URL, would resolve the dots first).
      const { hostname, port } = new URL(base);
      const status = await new Promise<number | undefined>((resolve, reject) => {
        get({ hostname, port, path }, (res) => {
          res.resume();
          resolve(res.statusCode);
        }).on('error', reject);
      });
      expect(status).toBe(404);
    }
    expect(
      subgraphTarget(
        { prefix: '/open-data', subgraph: 'a' },
        'http://s:1/graphql',
        '/open-data/x.csv?a=1',
      )?.href,
    ).toBe('http://s:1/rest/open-data/x.csv?a=1');
    expect(
      subgraphTarget(
        { prefix: '/open-data', subgraph: 'a' },
        'http://s:1/graphql',
        '/open-data/..%2f..%2fgraphql',
      )?.pathname,
    ).toBe('/rest/open-data/..%2f..%2fgraphql');
  });
});
