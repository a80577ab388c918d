import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { composeServices } from '@apollo/composition';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { GraphQLError, graphql, parse, type GraphQLSchema } from 'graphql';
import {
  HEADER_CORRELATION_ID,
  HEADER_GATEWAY_SECRET,
  SUBGRAPH_MAX_BODY_BYTES,
} from '@civitas/contracts';
import { startTestGateway, type TestGateway } from '../testing/test-gateway.js';
import { CivitasSubgraphDataSource, splitToFit } from './subgraph-data-source.js';

const SECRET = randomUUID() + randomUUID();
const LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@external", "@requires"])';

const CASES_SDL = `${LINK}
  type Query { cases(n: Int!): [Case!]! crash: String }
  type Case @key(fields: "id") { id: ID! reporterId: ID }
`;
const CITIZENS_SDL = `${LINK}
  type Case @key(fields: "id") {
    id: ID!
    reporterId: ID @external
    reporter: Citizen @requires(fields: "reporterId")
  }
  type Citizen { id: ID! }
`;
const ROUTING_SDL = `${LINK}
  type Query { department(code: String!): Department }
  type Department { code: String! }
`;

/** What Express's own error page shows outside production: the message and the stack. */
const STACK_PAGE =
  'PayloadTooLargeError: request entity too large<br> &nbsp; &nbsp;at readStream (/srv/civitas/node_modules/raw-body/index.js:163:17)';

/** What a resident submitted, which a subgraph's error text may quote. */
const SUBMITTED = 'Ana Ruiz-Delgado, 12 Harbour Lane';

const reporterOf = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;

const casesSchema = buildSubgraphSchema({
  typeDefs: parse(CASES_SDL),
  resolvers: {
    Query: {
      cases: (_: unknown, { n }: { n: number }) =>
        Array.from({ length: n }, (_x, i) => ({ id: randomUUID(), reporterId: reporterOf(i) })),
      crash: () => {
        // What a subgraph outside production sent with an unexpected error (before docs/adr/0049).
        throw new GraphQLError(`connect ECONNREFUSED 10.0.3.7:5432 after "${SUBMITTED}"`, {
          extensions: {
            code: 'INTERNAL_SERVER_ERROR',
            stacktrace: ['Error: connect', '    at TCPConnectWrap (/srv/civitas/dist/db.js:1:1)'],
            exception: { stacktrace: ['Error: connect'] },
          },
        });
      },
    },
  },
});
const citizensSchema = buildSubgraphSchema({
  typeDefs: parse(CITIZENS_SDL),
  resolvers: {
    Case: {
      reporter: ({ reporterId }: { reporterId?: string | null }) =>
        reporterId ? { id: reporterId } : null,
    },
  },
});
const routingSchema = buildSubgraphSchema({ typeDefs: parse(ROUTING_SDL), resolvers: {} });

interface Seen {
  bodies: number[];
}

/**
 * A subgraph as a Node HTTP server: the body limit of a real one (answered, like Express outside
 * production, with an HTML page carrying the stack), or every call refused with 403 and that page.
 */
function fakeSubgraph(
  schema: GraphQLSchema,
  { maxBodyBytes = SUBGRAPH_MAX_BODY_BYTES, refuse = false } = {},
): { seen: Seen; listening: Promise<Server> } {
  const seen: Seen = { bodies: [] };
  const server = createServer((req, res) => {
    if (req.headers[HEADER_GATEWAY_SECRET] !== SECRET) {
      res.writeHead(401).end();
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      seen.bodies.push(body.length);
      if (refuse || body.length > maxBodyBytes) {
        res.writeHead(refuse ? 403 : 413, { 'content-type': 'text/html' }).end(STACK_PAGE);
        return;
      }
      const { query, variables } = JSON.parse(body.toString('utf8')) as {
        query: string;
        variables?: Record<string, unknown>;
      };
      void graphql({ schema, source: query, variableValues: variables }).then((result) => {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(result));
      });
    });
  });
  return {
    seen,
    listening: new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server))),
  };
}

const urlOf = (server: Server) =>
  `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;

/** The gateway, as `npm start` runs it, over the fake subgraphs (cases, citizens, routing). */
async function startGateway(
  [casesServer, citizensServer, routingServer]: Server[],
  env: Record<string, string>,
): Promise<{ gateway: TestGateway; dir: string }> {
  const composed = composeServices(
    [
      ['cases', CASES_SDL],
      ['citizens', CITIZENS_SDL],
      ['routing', ROUTING_SDL],
    ].map(([name, sdl]) => ({ name, typeDefs: parse(sdl), url: 'http://ignored/graphql' })),
  );
  if (composed.errors) {
    throw new Error(composed.errors.map((e) => e.message).join('\n'));
  }
  const dir = mkdtempSync(join(tmpdir(), 'gateway-failures-'));
  writeFileSync(join(dir, 'supergraph.graphql'), composed.supergraphSdl);
  const gateway = await startTestGateway({
    GATEWAY_SECRET: SECRET,
    SUPERGRAPH_PATH: join(dir, 'supergraph.graphql'),
    CASES_URL: urlOf(casesServer),
    CITIZENS_URL: urlOf(citizensServer),
    ROUTING_URL: urlOf(routingServer),
    INTAKE_URL: urlOf(routingServer),
    ANALYTICS_URL: urlOf(routingServer),
    // Ten thousand entities on a busy machine: this test is about sizes, not time.
    GRAPHQL_TIME_BUDGET_MS: '60000',
    ...env,
  });
  return { gateway, dir };
}

describe('entity fetches that fit, and subgraph failures without their details (production)', () => {
  const citizens = fakeSubgraph(citizensSchema);
  const cases = fakeSubgraph(casesSchema);
  const routing = fakeSubgraph(routingSchema, { refuse: true });
  let servers: Server[] = [];
  let gateway: TestGateway;
  let base: string;
  let dir: string;

  beforeAll(async () => {
    servers = await Promise.all([cases.listening, citizens.listening, routing.listening]);
    ({ gateway, dir } = await startGateway(servers, {
      NODE_ENV: 'production',
      AUTH_DEV_SIGNING_KEY: '',
      AUTH_JWKS_URL: 'https://idp.example.gov/.well-known/jwks.json',
      AUTH_ISSUER: 'https://idp.example.gov/',
      AUTH_AUDIENCE: 'civitas',
      PUBLIC_URL: 'https://311.example.gov',
    }));
    expect(gateway.config.production).toBe(true);
    base = gateway.base;
  });

  afterAll(async () => {
    await gateway?.close();
    servers.forEach((s) => {
      s.closeAllConnections();
      s.close();
    });
    if (dir) {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  const post = async (query: string, variables: Record<string, unknown> = {}) => {
    const res = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    return { status: res.status, text: await res.text() };
  };

  it('resolves a list whose entity fetch is larger than a subgraph accepts, in fetches that fit', async () => {
    // About 117 bytes a representation: 10,000 are more than one subgraph body may hold.
    const n = 10_000;
    citizens.seen.bodies.length = 0;
    const { status, text } = await post('query($n: Int!) { cases(n: $n) { id reporter { id } } }', {
      n,
    });
    expect(status).toBe(200);
    const body = JSON.parse(text) as {
      data?: { cases: { reporter: { id: string } | null }[] };
      errors?: unknown[];
    };
    expect(body.errors).toBeUndefined();
    expect(body.data!.cases.map((c) => c.reporter?.id)).toEqual(
      Array.from({ length: n }, (_x, i) => reporterOf(i)),
    );
    expect(citizens.seen.bodies.length).toBeGreaterThan(1);
    expect(Math.max(...citizens.seen.bodies)).toBeLessThanOrEqual(SUBGRAPH_MAX_BODY_BYTES);
  });

  it('answers a subgraph that fails, however it fails, without a stack, its address or its answer', async () => {
    const refused = await post('{ department(code: "streets") { code } }');
    const crashed = await post('{ crash }');
    for (const { status, text } of [refused, crashed]) {
      expect(status).toBe(200);
      const { errors } = JSON.parse(text) as {
        errors: { message: string; extensions: Record<string, unknown> }[];
      };
      expect(errors.length).toBeGreaterThan(0);
      for (const error of errors) {
        // An unexpected error also carries the id it was logged under (docs/adr/0049).
        expect(Object.keys(error.extensions).sort()).toEqual(
          error.extensions.code === 'INTERNAL_SERVER_ERROR' ? ['code', 'correlationId'] : ['code'],
        );
      }
      expect(text).not.toMatch(/stack|exception|\/srv\/|at readStream|127\.0\.0\.1|10\.0\.3\.7/i);
    }
    expect(JSON.parse(refused.text)).toMatchObject({
      errors: [{ extensions: { code: 'FORBIDDEN' } }],
    });
    expect(JSON.parse(crashed.text)).toMatchObject({
      errors: [{ message: 'Internal error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }],
    });
  });
});

describe('unexpected subgraph errors outside production (docs/adr/0049)', () => {
  const citizens = fakeSubgraph(citizensSchema);
  const cases = fakeSubgraph(casesSchema);
  const routing = fakeSubgraph(routingSchema, { refuse: true });
  let servers: Server[] = [];
  let gateway: TestGateway;
  let base: string;
  let dir: string;

  beforeAll(async () => {
    servers = await Promise.all([cases.listening, citizens.listening, routing.listening]);
    ({ gateway, dir } = await startGateway(servers, {
      NODE_ENV: 'development',
      AUTH_DEV_SIGNING_KEY: randomUUID() + randomUUID(),
    }));
    base = gateway.base;
  });

  afterAll(async () => {
    await gateway?.close();
    servers.forEach((s) => {
      s.closeAllConnections();
      s.close();
    });
    if (dir) {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('answers with no subgraph text but the correlation id, and logs the failure under that id', async () => {
    const written: string[] = [];
    const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      written.push(String(chunk));
      return true;
    });
    let res: Response;
    try {
      res = await fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ crash }' }),
      });
    } finally {
      write.mockRestore();
    }
    const text = await res.text();
    const correlationId = res.headers.get(HEADER_CORRELATION_ID);
    expect(correlationId).toBeTruthy();
    expect(JSON.parse(text)).toEqual({
      data: { crash: null },
      errors: [
        {
          message: 'Internal error',
          path: ['crash'],
          extensions: { code: 'INTERNAL_SERVER_ERROR', correlationId },
        },
      ],
    });
    expect(text).not.toMatch(/Ruiz|ECONNREFUSED|stack/);

    const lines = written.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toContainEqual(
      expect.objectContaining({
        level: 'error',
        correlationId,
        msg: 'unexpected error answering a request',
        path: 'crash',
        serviceName: 'cases',
      }),
    );
    expect(written.join('')).not.toContain('Ruiz');
  });

  it('answers a query it refuses without a stack trace or a file of the server', async () => {
    const res = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ crash(first: 1) }' }),
    });
    const text = await res.text();
    expect(res.status).toBe(400);
    expect(JSON.parse(text).errors[0].extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED' });
    expect(text).not.toMatch(/stacktrace|\.js|\.ts|node_modules/);
  });

  it.each([
    ['a body that is not JSON', '{"query":', 'The request body is not valid JSON'],
    [
      'a persisted-query hash that does not match the query',
      JSON.stringify({
        query: '{ crash }',
        extensions: { persistedQuery: { version: 1, sha256Hash: 'abc' } },
      }),
      'provided sha does not match query',
    ],
  ])(
    'refuses %s as BAD_REQUEST in GraphQL shape, not as an internal error',
    async (_what, body, message) => {
      const res = await fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({
        errors: [{ message, extensions: { code: 'BAD_REQUEST' } }],
      });
    },
  );
});

describe('CivitasSubgraphDataSource: entity batches', () => {
  it('splits representations into batches whose JSON fits, in order', () => {
    const items = Array.from({ length: 50 }, (_x, i) => ({
      __typename: 'Case',
      id: `c-${String(i).padStart(2, '0')}`,
    }));
    const size = JSON.stringify(items[0]).length;
    const batches = splitToFit(items, size * 10 + 9);
    expect(batches.map((b) => b.length)).toEqual([10, 10, 10, 10, 10]);
    expect(batches.flat()).toEqual(items);
    expect(splitToFit(items, 1).every((b) => b.length === 1)).toBe(true);
  });

  it('joins the answers of the batches into one, each error at its entity', async () => {
    const bodies: number[] = [];
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const body = Buffer.concat(chunks);
        bodies.push(body.length);
        const { variables } = JSON.parse(body.toString('utf8')) as {
          variables: { representations: { id: string }[] };
        };
        const reps = variables.representations;
        const failing = reps.findIndex((r) => r.id === 'c-33');
        res.writeHead(200, { 'content-type': 'application/json' }).end(
          JSON.stringify({
            data: { _entities: reps.map((r) => (r.id === 'c-33' ? null : { id: r.id })) },
            ...(failing >= 0
              ? { errors: [{ message: 'no c-33', path: ['_entities', failing, 'id'] }] }
              : {}),
          }),
        );
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    try {
      const source = new CivitasSubgraphDataSource(urlOf(server), SECRET, undefined, 1_000);
      const representations = Array.from({ length: 50 }, (_x, i) => ({
        __typename: 'Case',
        id: `c-${i}`,
      }));
      const answer = await source.process({
        kind: 'health check',
        request: {
          query:
            'query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Case { id } } }',
          variables: { representations },
        },
      } as never);
      expect(bodies.length).toBeGreaterThan(1);
      expect(Math.max(...bodies)).toBeLessThanOrEqual(1_000);
      expect((answer.data as { _entities: unknown[] })._entities).toEqual(
        representations.map((r) => (r.id === 'c-33' ? null : { id: r.id })),
      );
      expect(answer.errors).toEqual([{ message: 'no c-33', path: ['_entities', 33, 'id'] }]);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});
