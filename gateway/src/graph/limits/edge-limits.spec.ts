import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '@civitas/contracts';
import {
  devToken,
  startTestGateway,
  startTestSubgraphs,
  type TestGateway,
  type TestSubgraphs,
} from '../../testing/test-gateway.js';

/** Longer than any time budget below: the subgraph answers `slow` only after the test is over. */
const SLOW_MS = 60_000;

const SDL = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
  type Query { caseByTicket(ticketNumber: String!): Case slow: String searchCitizens: [Citizen!]! }
  type Case @key(fields: "id") { id: ID! title: String! reporter: Citizen }
  type Citizen @key(fields: "id") { id: ID! cases(first: Int! = 100): [Case!] }
  type Mutation { setAttributes(attributes: [AttributeInput!]!): Int! }
  input AttributeInput { code: String! values: [String!] }
`;

const RESOLVERS = {
  Query: {
    caseByTicket: (_: unknown, { ticketNumber }: { ticketNumber: string }) => ({
      id: ticketNumber,
      title: `Case ${ticketNumber}`,
    }),
    slow: () => new Promise((resolve) => setTimeout(() => resolve('late'), SLOW_MS).unref()),
    searchCitizens: () => [],
  },
  Mutation: {
    setAttributes: (_: unknown, { attributes }: { attributes: unknown[] }) => attributes.length,
  },
  Case: { reporter: () => ({ id: 'c-1' }) },
  Citizen: { cases: () => [{ id: '1', title: 'Case 1' }] },
};

interface GraphqlBody {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/** `query Q { ...F0 } fragment Fi on Query { ...Fi+1 ... on Query { ...Fi+1 } }`: 2^n spreads. */
function exponentialFragments(n: number): string {
  const fragments = Array.from(
    { length: n },
    (_, i) => `fragment F${i} on Query { ...F${i + 1} ... on Query { ...F${i + 1} } }`,
  );
  return `query Q { ...F0 } ${fragments.join(' ')} fragment F${n} on Query { slow }`;
}

describe('the GraphQL edge limits', () => {
  let subgraphs: TestSubgraphs;
  const gateways: TestGateway[] = [];

  async function gateway(env: Record<string, string>): Promise<string> {
    const started = await startTestGateway({ ...subgraphs.env, ...env });
    gateways.push(started);
    return started.base;
  }

  let base: string;
  let production: string;

  beforeAll(async () => {
    subgraphs = await startTestSubgraphs([{ name: 'cases', sdl: SDL, resolvers: RESOLVERS }]);
    base = await gateway({
      MAX_QUERY_TOKENS: '500',
      MAX_ALIASES: '5',
      MAX_DIRECTIVES: '5',
      // Far above what any other test here needs on a loaded machine, far below `slow`'s minute.
      GRAPHQL_TIME_BUDGET_MS: '10000',
      MAX_VARIABLE_LIST_ITEMS: '2000',
      MAX_VARIABLE_VALUES: '10000',
      MAX_VARIABLE_STRING_LENGTH: '1000',
      MAX_VARIABLE_DEPTH: '4',
      MAX_VARIABLE_ERRORS: '20',
    });
    production = await gateway({
      NODE_ENV: 'production',
      AUTH_DEV_SIGNING_KEY: '',
      AUTH_JWKS_URL: 'https://idp.example.gov/.well-known/jwks.json',
      AUTH_ISSUER: 'https://idp.example.gov/',
      AUTH_AUDIENCE: 'civitas',
      PUBLIC_URL: 'https://311.example.gov',
    });
  });

  afterAll(async () => {
    await Promise.all(gateways.map((g) => g.close()));
    await subgraphs?.close();
  });

  const agent = async () =>
    `Bearer ${await devToken('agent-1', { roles: [Role.Agent], departments: ['roads'] })}`;

  async function post(
    body: Record<string, unknown>,
    { to = base, authorization }: { to?: string; authorization?: string } = {},
  ): Promise<{ status: number; body: GraphqlBody }> {
    const res = await fetch(`${to}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(authorization ? { authorization } : {}),
      },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as GraphqlBody };
  }

  const codes = (body: GraphqlBody) => (body.errors ?? []).map((e) => e.extensions?.code);

  it('answers the exponential fragment document with a 400, not by walking 2^20 spreads', async () => {
    const res = await post({ query: exponentialFragments(20) });
    expect(res.status).toBe(400);
    // `slow` is selected 2^20 times at the root once the fragments are expanded.
    expect(codes(res.body)[0]).toBe('FIELD_REPEATED_TOO_OFTEN');
    expect(res.body.data).toBeUndefined();
  });

  it('refuses a document with more fragment spreads than the limit', async () => {
    const chain = Array.from({ length: 60 }, (_, i) => `fragment G${i} on Query { ...G${i + 1} }`);
    const res = await post({
      query: `query Q { ...G0 } ${chain.join(' ')} fragment G60 on Query { slow }`,
    });
    expect(res.status).toBe(400);
    expect(codes(res.body)).toEqual(['TOO_MANY_FRAGMENT_SPREADS']);
  });

  it("refuses an agent's nested reporter/cases lists before calling any subgraph", async () => {
    const res = await post(
      {
        query:
          '{ caseByTicket(ticketNumber: "T-1") { reporter { cases { reporter { cases { reporter { cases { id } } } } } } } }',
      },
      { authorization: await agent() },
    );
    expect(res.status).toBe(400);
    expect(codes(res.body)).toEqual(['QUERY_TOO_COMPLEX']);
    expect(res.body.errors?.[0].message).toMatch(
      /may return up to \d+ objects; the limit is 50000/,
    );
  });

  it('counts the page size asked for', async () => {
    const res = await post(
      { query: '{ caseByTicket(ticketNumber: "T-1") { reporter { cases(first: 5) { title } } } }' },
      { authorization: await agent() },
    );
    expect(res.body).toEqual({
      data: { caseByTicket: { reporter: { cases: [{ title: 'Case 1' }] } } },
    });
  });

  it('refuses too many aliases, directives, repeated fields and tokens, each with its code', async () => {
    const aliases = await post({
      query: `{ ${Array.from({ length: 6 }, (_, i) => `a${i}: caseByTicket(ticketNumber: "${i}") { id }`).join(' ')} }`,
    });
    expect([aliases.status, codes(aliases.body)]).toEqual([400, ['TOO_MANY_ALIASES']]);

    const directives = await post({
      query: `{ caseByTicket(ticketNumber: "1") { id ${'__typename @include(if: true) '.repeat(6)} } }`,
    });
    expect([directives.status, codes(directives.body)]).toEqual([400, ['TOO_MANY_DIRECTIVES']]);

    const repeated = await post({
      query: `{ ${'caseByTicket(ticketNumber: "1") { id } '.repeat(31)} }`,
    });
    expect([repeated.status, codes(repeated.body)[0]]).toEqual([400, 'FIELD_REPEATED_TOO_OFTEN']);

    const tokens = await post({
      query: `{ caseByTicket(ticketNumber: "1") { ${'id '.repeat(500)} } }`,
    });
    expect([tokens.status, codes(tokens.body)]).toEqual([400, ['QUERY_TOO_LARGE']]);
  });

  it('answers an operation that outlives its time budget with an error naming the budget', async () => {
    const res = await post({ query: '{ slow }' });
    expect(res.status).toBeLessThan(500);
    expect(codes(res.body)).toEqual(['TIME_BUDGET_EXCEEDED']);
    expect(res.body.errors?.[0].message).toContain('time budget of 10000 ms');
  });

  it('answers several operations without operationName with a 400 naming them', async () => {
    const res = await post({ query: 'query A { slow } query B { searchCitizens { id } }' });
    expect(res.status).toBe(400);
    expect(res.body.errors?.[0]).toMatchObject({
      message: 'The document has 2 operations (A, B); name the one to run in operationName',
      extensions: { code: 'OPERATION_RESOLUTION_FAILURE' },
    });
    const unknown = await post({ query: 'query A { slow }', operationName: 'C' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors?.[0].message).toContain('no operation named "C"');
  });

  it('answers a subscription, which the schema has no root type for, with a 400', async () => {
    const res = await post({ query: 'subscription S { slow }' });
    expect(res.status).toBe(400);
    expect(res.body.errors?.[0]).toMatchObject({
      message: 'This API has no subscription operations',
      extensions: { code: 'OPERATION_RESOLUTION_FAILURE' },
    });
  });

  it('suggests field names in development only', async () => {
    const query = '{ searchCitizen { id } }';
    const dev = await post({ query });
    expect(dev.status).toBe(400);
    expect(dev.body.errors?.[0].message).toContain('Did you mean "searchCitizens"?');

    const prod = await post({ query }, { to: production });
    expect(prod.status).toBe(400);
    expect(prod.body.errors?.[0].message).toBe(
      'Cannot query field "searchCitizen" on type "Query".',
    );
    expect(JSON.stringify(prod.body)).not.toContain('searchCitizens');
  });

  describe('variables', () => {
    const SET_ATTRIBUTES =
      'mutation M($attributes: [AttributeInput!]!) { setAttributes(attributes: $attributes) }';
    const TRACK = 'query T($t: String!) { caseByTicket(ticketNumber: $t) { title } }';

    it('refuses a list of 5,000 items of the wrong type with one 400 naming the variable (defaults)', async () => {
      // Apollo's gateway answered this with 5,000 errors (one stack trace each) after seconds.
      const res = await post(
        { query: SET_ATTRIBUTES, variables: { attributes: Array(5_000).fill('x') } },
        { to: production },
      );
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([
        {
          message:
            'Variable "$attributes" has a list of 5000 items at attributes; the limit is 1000',
          extensions: { code: 'VARIABLE_LIST_TOO_LONG', variable: 'attributes' },
        },
      ]);
    });

    it('stops coercing after the error limit: one 400 naming the variable and its first wrong value', async () => {
      const res = await post({
        query: SET_ATTRIBUTES,
        variables: { attributes: Array(1_500).fill('x') },
      });
      expect(res.status).toBe(400);
      expect(res.body.errors).toHaveLength(1);
      expect(res.body.errors?.[0].message).toBe(
        'The variables have more than 20 invalid values; the first: Variable "$attributes" got invalid value "x" at "attributes[0]"; Expected type "AttributeInput" to be an object.',
      );
      expect(res.body.errors?.[0].extensions).toMatchObject({
        code: 'TOO_MANY_INVALID_VALUES',
        variable: 'attributes',
      });
    });

    it('answers a few wrong values as before: BAD_USER_INPUT for each', async () => {
      const res = await post({
        query: SET_ATTRIBUTES,
        variables: { attributes: [{ code: 'a' }, 'x', { code: 'b', values: [1] }] },
      });
      expect(res.status).toBe(400);
      expect(codes(res.body)).toEqual(['BAD_USER_INPUT', 'BAD_USER_INPUT']);
    });

    it('takes lists up to the limit', async () => {
      const attributes = Array.from({ length: 2_000 }, (_, i) => ({ code: `c${i}` }));
      const res = await post({ query: SET_ATTRIBUTES, variables: { attributes } });
      expect(res.body).toEqual({ data: { setAttributes: 2_000 } });
    });

    it('refuses too many values, a long string and deep nesting, each with its code', async () => {
      const values = await post({
        query: SET_ATTRIBUTES,
        variables: {
          attributes: Array.from({ length: 2_000 }, () => ({ code: 'c', values: ['a', 'b', 'c'] })),
        },
      });
      expect([values.status, values.body.errors?.[0].extensions]).toEqual([
        400,
        { code: 'TOO_MANY_VARIABLE_VALUES', variable: 'attributes' },
      ]);

      const long = await post({ query: TRACK, variables: { t: 'T'.repeat(1_001) } });
      expect([long.status, long.body.errors?.[0].extensions]).toEqual([
        400,
        { code: 'VARIABLE_STRING_TOO_LONG', variable: 't' },
      ]);

      let deep: unknown = 'x';
      for (let i = 0; i < 300; i++) {
        deep = { code: deep };
      }
      const nested = await post({ query: SET_ATTRIBUTES, variables: { attributes: [deep] } });
      expect([nested.status, nested.body.errors?.[0].extensions]).toEqual([
        400,
        { code: 'VARIABLE_TOO_DEEP', variable: 'attributes' },
      ]);
    });

    it('applies the same limits to variables in a GET query string', async () => {
      const params = new URLSearchParams({
        query: TRACK,
        variables: JSON.stringify({ t: 'T'.repeat(1_001) }),
      });
      const res = await fetch(`${base}/graphql?${params.toString()}`, {
        headers: { 'apollo-require-preflight': 'true' },
      });
      expect(res.status).toBe(400);
      expect(codes((await res.json()) as GraphqlBody)).toEqual(['VARIABLE_STRING_TOO_LONG']);
    });
  });
});
