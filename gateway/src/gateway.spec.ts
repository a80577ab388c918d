import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { GraphQLError } from 'graphql';
import { decodeIdentity } from '@civitas/auth';
import { HEADER_CORRELATION_ID, HEADER_IDENTITY, Role } from '@civitas/contracts';
import {
  startStandInSubgraph,
  writeSupergraph,
  type StandInContext,
  type StandInSubgraph,
  type SupergraphFile,
} from '@civitas/testing';
import { GraphExecutor } from './graph/graph-executor.js';
import {
  devToken,
  startTestGateway,
  TEST_GATEWAY_SECRET,
  type TestGateway,
} from './testing/test-gateway.js';

const CASES_SDL = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
  type Query { whoami: Caller! case(id: ID!): Case }
  type Caller { sub: String roles: [String!]! departments: [String!]! correlationId: String }
  type Case @key(fields: "id") { id: ID! title: String! }
`;
const ROUTING_SDL = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
  type Query { department(code: String!): Department }
  type Case @key(fields: "id") { id: ID! department: Department }
  type Department { code: String! parent: Department }
`;

const CASES_RESOLVERS = {
  Query: {
    whoami: (_: unknown, __: unknown, { headers }: StandInContext) => ({
      ...decodeIdentity(headers[HEADER_IDENTITY] as string | undefined),
      correlationId: headers[HEADER_CORRELATION_ID],
    }),
    case: (_: unknown, { id }: { id: string }) => {
      if (id === 'missing') {
        throw new GraphQLError('No case missing', { extensions: { code: 'CASE_NOT_FOUND' } });
      }
      return { id, title: `Pothole ${id}` };
    },
  },
};
const ROUTING_RESOLVERS = {
  Query: { department: (_: unknown, { code }: { code: string }) => ({ code }) },
  Case: { department: () => ({ code: 'roads' }) },
  Department: { parent: ({ code }: { code: string }) => ({ code: `${code}-parent` }) },
};

/**
 * Stands for the subgraphs this test does not run (intake, citizens, analytics): it answers only
 * readiness, as the test says. The gateway's defaults (ports 4001-4005) could be anyone's.
 */
function readinessOnly(isReady: () => boolean): Promise<Server> {
  const server = createServer((req, res) => {
    res.writeHead(req.url === '/health/ready' && isReady() ? 200 : 503).end('{}');
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

const urlOf = (server: Server) =>
  `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;

describe('gateway over two subgraphs', () => {
  let cases: StandInSubgraph;
  let routing: StandInSubgraph;
  let others: Server;
  let othersReady = false;
  let gateway: TestGateway;
  let base: string;
  let supergraph: SupergraphFile;

  beforeAll(async () => {
    cases = await startStandInSubgraph({
      name: 'cases',
      sdl: CASES_SDL,
      resolvers: CASES_RESOLVERS,
      gatewaySecret: TEST_GATEWAY_SECRET,
    });
    routing = await startStandInSubgraph({
      name: 'routing',
      sdl: ROUTING_SDL,
      resolvers: ROUTING_RESOLVERS,
      gatewaySecret: TEST_GATEWAY_SECRET,
    });
    others = await readinessOnly(() => othersReady);
    supergraph = writeSupergraph([cases, routing]);
    gateway = await startTestGateway({
      SUPERGRAPH_PATH: supergraph.path,
      CASES_URL: cases.url,
      ROUTING_URL: routing.url,
      INTAKE_URL: urlOf(others),
      CITIZENS_URL: urlOf(others),
      ANALYTICS_URL: urlOf(others),
      MAX_QUERY_DEPTH: '6',
    });
    base = gateway.base;
  });

  afterAll(async () => {
    await gateway?.close();
    await cases?.close();
    await routing?.close();
    others?.close();
    supergraph?.remove();
  });

  const post = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  const bearer = async (claims: Record<string, unknown>, key?: string) =>
    `Bearer ${await devToken('agent-1', claims, { key })}`;

  it('forwards the verified identity and the correlation id to the subgraph', async () => {
    const res = await post(
      { query: '{ whoami { sub roles departments correlationId } }' },
      {
        authorization: await bearer({ roles: [Role.Agent], departments: ['roads'] }),
        [HEADER_CORRELATION_ID]: 'abc-123',
      },
    );
    expect(res.status).toBe(200);
    expect(res.headers.get(HEADER_CORRELATION_ID)).toBe('abc-123');
    expect(await res.json()).toEqual({
      data: {
        whoami: {
          sub: 'agent-1',
          roles: [Role.Agent],
          departments: ['roads'],
          correlationId: 'abc-123',
        },
      },
    });
  });

  it('calls without a token anonymous, and makes up a correlation id', async () => {
    const res = await post({ query: '{ whoami { sub roles correlationId } }' });
    const body = (await res.json()) as {
      data: { whoami: { sub: null; roles: string[]; correlationId: string } };
    };
    expect(body.data.whoami).toMatchObject({ sub: null, roles: [] });
    expect(body.data.whoami.correlationId).toBe(res.headers.get(HEADER_CORRELATION_ID));
  });

  it('does not let a caller forge the identity header', async () => {
    const forged = Buffer.from(
      JSON.stringify({ sub: 'x', roles: ['admin'], departments: [] }),
    ).toString('base64url');
    const res = await post({ query: '{ whoami { sub roles } }' }, { [HEADER_IDENTITY]: forged });
    expect(await res.json()).toEqual({ data: { whoami: { sub: null, roles: [] } } });
  });

  it('answers a bad token with 401 and a GraphQL-shaped body', async () => {
    const res = await post(
      { query: '{ whoami { sub } }' },
      { authorization: await bearer({ roles: [] }, 'w'.repeat(40)) },
    );
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({
      errors: [
        { message: 'Token signature is not valid', extensions: { code: 'UNAUTHENTICATED' } },
      ],
    });
  });

  it('answers a signed token without an expiry, or living for a century, with the same 401', async () => {
    const admin = { roles: [Role.Admin] };
    const forever = await devToken('agent-1', admin, { expiresAt: null });
    const century = await devToken('agent-1', admin, { expiresAt: '100y' });
    for (const [token, message] of [
      [forever, 'Token claim "exp" is required'],
      [century, 'Token lifetime (exp - iat) is longer than accepted'],
    ]) {
      const res = await post({ query: '{ whoami { sub } }' }, { authorization: `Bearer ${token}` });
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
      expect(await res.json()).toEqual({
        errors: [{ message, extensions: { code: 'UNAUTHENTICATED' } }],
      });
    }
  });

  it('plans across subgraphs', async () => {
    const res = await post({ query: '{ case(id: "7") { title department { code } } }' });
    expect(await res.json()).toEqual({
      data: { case: { title: 'Pothole 7', department: { code: 'roads' } } },
    });
  });

  it("keeps a subgraph error's code", async () => {
    const res = await post({ query: '{ case(id: "missing") { title } }' });
    const body = (await res.json()) as {
      errors: { message: string; extensions: { code: string } }[];
    };
    expect(body.errors[0]).toMatchObject({
      message: 'No case missing',
      extensions: { code: 'CASE_NOT_FOUND' },
    });
  });

  it('refuses batched requests', async () => {
    const res = await post([{ query: '{ whoami { sub } }' }, { query: '{ whoami { sub } }' }]);
    expect(res.status).toBe(400);
  });

  it('refuses operations deeper than the limit', async () => {
    const res = await post({
      query:
        '{ department(code: "a") { parent { parent { parent { parent { parent { code } } } } } } }',
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { errors: { message: string }[] };
    expect(body.errors[0].message).toContain('7 levels deep; the limit is 6');
  });

  it('refuses bodies over the size limit', async () => {
    const res = await post({ query: `{ whoami { sub } } #${'x'.repeat(1_100_000)}` });
    expect(res.status).toBe(413);
  });

  it('is ready when every subgraph is, listing each', async () => {
    const ready = async () => {
      const res = await fetch(`${base}/health/ready`);
      const body = (await res.json()) as { subgraphs: Record<string, { status: string }> };
      return { status: res.status, subgraphs: body.subgraphs };
    };
    othersReady = false;
    const notYet = await ready();
    expect(notYet.status).toBe(503);
    expect(notYet.subgraphs.cases.status).toBe('ok');
    expect(notYet.subgraphs.intake.status).toBe('unavailable');
    othersReady = true;
    const all = await ready();
    expect(all.status).toBe(200);
    expect(Object.values(all.subgraphs).map((s) => s.status)).toEqual(Array(5).fill('ok'));
  });

  it('serves liveness, and no metrics on the public port', async () => {
    expect((await fetch(`${base}/health/live`)).status).toBe(200);
    const metrics = await fetch(`${base}/metrics`);
    expect(metrics.status).toBe(404);
    expect(await metrics.text()).not.toContain('civitas_gateway_graphql_operations_total');
  });

  it('runs graph operations in-process for REST facades', async () => {
    const result = await gateway.app.get(GraphExecutor).execute<{ whoami: { sub: string } }>(
      { query: '{ whoami { sub } }' },
      {
        identity: { sub: 'integration-1', roles: [Role.Integration], departments: [] },
        correlationId: 'c-1',
      },
    );
    expect(result).toEqual({ data: { whoami: { sub: 'integration-1' } }, errors: undefined });
  });
});
