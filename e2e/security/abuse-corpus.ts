import { Role } from '@civitas/contracts';
import { ABUSE_SCENARIOS } from './abuse-scenarios.js';
import type { PersonalData } from './fuzz.js';
import {
  bearer,
  graphqlCodes,
  graphqlRequest,
  jsonOf,
  type RawRequest,
  type RawResponse,
} from './raw-http.js';

/** What a probe may use: tokens by role, a live Open311 API key, the person's e-mail. */
export interface ProbeContext {
  token(role: Role): string;
  apiKey: string;
  /** Personal data sent beside a refused value: the leak check then looks for it in the logs. */
  email: string;
}

/** One request, and what its answer must be. */
export interface RequestProbe {
  /** The item of issue 9 the probe comes from. */
  item: number;
  name: string;
  request(ctx: ProbeContext): RawRequest;
  /** What is wrong with the answer, or [] when it is what the fix promises. */
  check(res: RawResponse): string[];
}

/** What a scenario may use besides a request probe's context. */
export interface ScenarioContext extends ProbeContext {
  /** Sends one request to the gateway (or to `base`, another listener of the platform). */
  send(req: RawRequest, base?: string): Promise<RawResponse>;
  /** A token for `role` with a subject of the scenario's own (a sign-in nobody else uses). */
  tokenFor(role: Role, sub: string): Promise<string>;
  /** SQL on one service's database: what a writer the graph does not offer yet would do. */
  sql(service: string, text: string, params?: unknown[]): Promise<unknown[]>;
  /** The person the suite submitted (they are a resident with those contact points). */
  person: PersonalData;
  /** Tickets of the person's reports. */
  tickets: readonly string[];
  /** Where citizens writes the e-mail it sends (no SMTP server in the suite). */
  notificationOutbox: string;
  /** The gateway's metrics listener, e.g. http://127.0.0.1:41234/metrics. */
  metricsUrl: string;
  /** RATE_LIMIT_AUTH_FAILURES_MAX as the suite configured the gateway. */
  authFailuresMax: number;
  /** The one origin in the gateway's CORS_ORIGINS. */
  corsOrigin: string;
}

/** Several requests that build on each other (a linked sign-in, a private case, a duplicate). */
export interface ScenarioProbe {
  item: number;
  name: string;
  /** What is wrong, or [] when every answer is what the fix promises. */
  steps(ctx: ScenarioContext): Promise<string[]>;
}

export type AbuseProbe = RequestProbe | ScenarioProbe;

const form = (fields: Record<string, string>): string => new URLSearchParams(fields).toString();

/** `query Q { ...F0 } fragment Fi on Query { ...Fi+1 ... on Query { ...Fi+1 } }`: 2^n spreads. */
export function exponentialFragments(n: number): string {
  const fragments = Array.from(
    { length: n },
    (_, i) => `fragment F${i} on Query { ...F${i + 1} ... on Query { ...F${i + 1} } }`,
  );
  return `query Q { ...F0 } ${fragments.join(' ')} fragment F${n} on Query { services { code } }`;
}

/** `reporter { cases { reporter { cases ... } } }` nested `levels` times under one case. */
function reporterCases(levels: number, leaf = 'id'): string {
  let inner = leaf;
  for (let i = 0; i < levels; i++) {
    inner = `reporter { cases { ${inner} } }`;
  }
  return inner;
}

/** A GraphQL answer refused with `status` and exactly these error codes. */
function refusedWith(status: number, ...codes: string[]) {
  return (res: RawResponse): string[] => {
    const got = graphqlCodes(res);
    return res.status === status && JSON.stringify(got) === JSON.stringify(codes)
      ? []
      : [
          `expected ${status} ${codes.join(',')}, got ${res.status} ${got.join(',')}: ${res.text.slice(0, 300)}`,
        ];
  };
}

/** A GraphQL answer refused with `status` whose first error has this code. */
function firstRefusal(status: number, code: string) {
  return (res: RawResponse): string[] => {
    const got = graphqlCodes(res);
    return res.status === status && got[0] === code
      ? []
      : [
          `expected ${status} ${code} first, got ${res.status} ${got.join(',')}: ${res.text.slice(0, 300)}`,
        ];
  };
}

/** One GraphQL error, `status` with `code`, whose `extensions.variable` is `variable`. */
function refusedNaming(status: number, code: string, variable: string) {
  return (res: RawResponse): string[] => {
    const errors =
      jsonOf<{ errors?: { extensions?: { code?: string; variable?: string } }[] }>(res)?.errors ??
      [];
    return res.status === status &&
      errors.length === 1 &&
      errors[0].extensions?.code === code &&
      errors[0].extensions.variable === variable
      ? []
      : [
          `expected ${status} ${code} naming $${variable}, got ${res.status}: ${res.text.slice(0, 300)}`,
        ];
  };
}

/** A GraphQL BAD_USER_INPUT whose error names `field`. */
function badUserInput(field: string) {
  return (res: RawResponse): string[] => {
    const got = graphqlCodes(res);
    const errors = jsonOf<{ errors?: { extensions?: { fields?: unknown } }[] }>(res)?.errors ?? [];
    const named = errors.some((e) => JSON.stringify(e.extensions?.fields ?? '').includes(field));
    return res.status < 500 && got.join() === 'BAD_USER_INPUT' && named
      ? []
      : [
          `expected BAD_USER_INPUT naming ${field}, got ${res.status} ${got.join(',')}: ${res.text.slice(0, 300)}`,
        ];
  };
}

/** An Open311 400: a list of `{ code: 400, description }`, one naming `parameter`. */
function open311BadRequest(parameter: string) {
  return (res: RawResponse): string[] => {
    const errors = jsonOf<{ code: number; description: string }[]>(res);
    const named =
      Array.isArray(errors) &&
      errors.some((e) => e.code === 400 && e.description.includes(parameter));
    return res.status === 400 && named
      ? []
      : [
          `expected an Open311 400 naming ${parameter}, got ${res.status}: ${res.text.slice(0, 300)}`,
        ];
  };
}

/**
 * The review's probes (issue 9), each with what its fix promises, sent through the real gateway:
 * single requests here (items 1, 6, 8), scenarios of several requests in abuse-scenarios.ts
 * (items 2, 3, 7, 9). The entity batches of item 3 are probed by e2e/reporter-references.e2e-spec.ts
 * (a page of 1,000 cases with their reporters). 4 (token claims) is tested against a JWKS served
 * over HTTP in the gateway's specs; 5 (production secrets), 10 (NATS permissions) and 11 (`.eml`
 * files) are not HTTP requests and are tested where they are configured.
 */
const REQUEST_PROBES: readonly RequestProbe[] = [
  // Item 1: bounded work per request.
  {
    item: 1,
    name: 'the exponential fragment document (2^20 spreads, 1.2 KB, anonymous) is refused without expanding it',
    request: () => graphqlRequest('exponential fragments', exponentialFragments(20)),
    check: firstRefusal(400, 'FIELD_REPEATED_TOO_OFTEN'),
  },
  {
    item: 1,
    name: 'a chain of 60 fragment spreads is refused',
    request: () => {
      const chain = Array.from(
        { length: 60 },
        (_, i) => `fragment G${i} on Query { ...G${i + 1} }`,
      );
      return graphqlRequest(
        'spread chain',
        `query Q { ...G0 } ${chain.join(' ')} fragment G60 on Query { services { code } }`,
      );
    },
    check: refusedWith(400, 'TOO_MANY_FRAGMENT_SPREADS'),
  },
  {
    item: 1,
    name: 'a document deeper than the depth limit is refused',
    request: () =>
      graphqlRequest(
        'deep',
        `{ caseByTicket(ticketNumber: "SR-2026-0000001") { ${reporterCases(8)} } }`,
      ),
    check: refusedWith(400, 'QUERY_TOO_DEEP'),
  },
  {
    item: 1,
    name: "an agent's reporter { cases { reporter { cases } } } over every request is refused by its cost",
    request: (ctx) =>
      graphqlRequest(
        'nested lists',
        `{ serviceRequests { ${reporterCases(2)} } }`,
        {},
        bearer(ctx.token(Role.Agent)),
      ),
    check: refusedWith(400, 'QUERY_TOO_COMPLEX'),
  },
  {
    item: 1,
    name: '31 aliases are refused',
    request: () =>
      graphqlRequest(
        'aliases',
        `{ ${Array.from({ length: 31 }, (_, i) => `a${i}: services { code }`).join(' ')} }`,
      ),
    check: refusedWith(400, 'TOO_MANY_ALIASES'),
  },
  {
    item: 1,
    name: '52 directives are refused',
    request: () =>
      graphqlRequest(
        'directives',
        `{ ${Array.from({ length: 26 }, (_, i) => `t${i}: __typename @include(if: true) @skip(if: false)`).join(' ')} }`,
      ),
    check: refusedWith(400, 'TOO_MANY_DIRECTIVES'),
  },
  {
    item: 1,
    name: 'one field repeated 31 times is refused',
    request: () => graphqlRequest('repeats', `{ ${'services { code } '.repeat(31)} }`),
    check: firstRefusal(400, 'FIELD_REPEATED_TOO_OFTEN'),
  },
  {
    item: 1,
    name: 'a document of more than 2,000 tokens is refused',
    request: () => graphqlRequest('tokens', `{ services { ${'code '.repeat(2001)} } }`),
    check: refusedWith(400, 'QUERY_TOO_LARGE'),
  },
  {
    item: 1,
    name: 'a body over 1 MiB is refused with 413',
    request: () =>
      graphqlRequest('big body', '{ services { code } }', { pad: 'x'.repeat(1_100_000) }),
    check: (res) =>
      res.status === 413 ? [] : [`expected 413, got ${res.status}: ${res.text.slice(0, 300)}`],
  },
  // Item 1, variables (docs/adr/0050): bounded before Apollo coerces them.
  {
    item: 1,
    name: 'a list variable of 5,000 items of the wrong type (anonymous, 20 KB) is refused naming it',
    request: () =>
      graphqlRequest(
        'variable list of 5,000',
        'mutation M($a: [ServiceAttributeInput!]!) { setServiceAttributes(serviceCode: "pothole", attributes: $a) { code } }',
        { a: Array.from({ length: 5_000 }, () => 'x') },
      ),
    check: refusedNaming(400, 'VARIABLE_LIST_TOO_LONG', 'a'),
  },
  {
    item: 1,
    name: '900 wrong items (under the list limit) stop coercion at 50 errors: one error naming the variable',
    request: () =>
      graphqlRequest(
        'variable with 900 wrong items',
        'query Q($f: ServiceRequestFilterInput) { serviceRequests(filter: $f) { id } }',
        { f: { ticketNumbers: Array.from({ length: 900 }, () => ({})) } },
      ),
    check: refusedNaming(400, 'TOO_MANY_INVALID_VALUES', 'f'),
  },
  {
    item: 1,
    name: 'a variable string of 100,000 characters is refused naming it',
    request: () =>
      graphqlRequest(
        'long variable string',
        'query T($t: String!) { caseByTicket(ticketNumber: $t) { id } }',
        { t: 'S'.repeat(100_000) },
      ),
    check: refusedNaming(400, 'VARIABLE_STRING_TOO_LONG', 't'),
  },
  {
    item: 1,
    name: 'a variable nesting objects 1,000 deep is refused naming it',
    request: () => {
      let deep: unknown = 'pothole';
      for (let i = 0; i < 1_000; i++) {
        deep = { serviceCode: deep };
      }
      return graphqlRequest(
        'deep variable',
        'mutation S($input: SubmitServiceRequestInput!) { submitServiceRequest(input: $input) { ticketNumber } }',
        { input: deep },
      );
    },
    check: refusedNaming(400, 'VARIABLE_TOO_DEEP', 'input'),
  },
  {
    item: 1,
    name: 'variables holding 40,000 values (an undeclared one included) are refused',
    request: () =>
      graphqlRequest('many variable values', '{ services { code } }', {
        pad: Array.from({ length: 1_000 }, () => Array.from({ length: 39 }, () => 0)),
      }),
    check: refusedNaming(400, 'TOO_MANY_VARIABLE_VALUES', 'pad'),
  },
  {
    item: 1,
    name: 'variables in a GET query string are bounded the same way',
    request: () => ({
      label: 'GET with 5,000 list items',
      method: 'GET',
      path: `/graphql?${new URLSearchParams({
        query: 'query Q($f: ServiceRequestFilterInput) { serviceRequests(filter: $f) { id } }',
        variables: JSON.stringify({ f: { ticketNumbers: Array.from({ length: 2_000 }, () => 1) } }),
      }).toString()}`,
      headers: { 'apollo-require-preflight': 'true' },
    }),
    check: refusedNaming(400, 'VARIABLE_LIST_TOO_LONG', 'f'),
  },
  {
    item: 1,
    name: 'an Open311 form with 200,000 parameters (800 KB) is refused, not parsed value by value',
    request: (ctx) => ({
      label: 'POST requests.json with 200,000 parameters',
      method: 'POST',
      path: '/open311/v2/requests.json',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `${form({ api_key: ctx.apiKey, service_code: 'pothole', address_string: '1 Main St' })}&${'x=1&'.repeat(200_000)}y=1`,
    }),
    check: open311BadRequest('more than 1000 parameters'),
  },
  {
    item: 1,
    name: 'an Open311 form with 30,000 attribute[...] keys is refused',
    request: (ctx) => ({
      label: 'POST requests.json with 30,000 attribute keys',
      method: 'POST',
      path: '/open311/v2/requests.json',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `${form({ api_key: ctx.apiKey, service_code: 'pothole', address_string: '1 Main St' })}&${Array.from({ length: 30_000 }, (_, i) => `attribute%5Bk${i}%5D=v`).join('&')}`,
    }),
    check: open311BadRequest('more than 1000 parameters'),
  },
  // Item 6: NUL is refused at every entry point with the protocol's 400-class error.
  {
    item: 6,
    name: 'Open311 GET requests.json?service_code=%00 answers 400 naming service_code',
    request: () => ({
      label: 'service_code=%00',
      method: 'GET',
      path: '/open311/v2/requests.json?service_code=%00',
    }),
    check: open311BadRequest('service_code'),
  },
  {
    item: 6,
    name: 'Open311 GET services/%00.json answers 400',
    request: () => ({
      label: 'services/%00.json',
      method: 'GET',
      path: '/open311/v2/services/%00.json',
    }),
    check: (res) =>
      res.status === 400 && Array.isArray(jsonOf(res))
        ? []
        : [`expected an Open311 400, got ${res.status}: ${res.text.slice(0, 300)}`],
  },
  {
    item: 6,
    name: 'Open311 POST requests.json with description=probe%00nul answers 400 naming description',
    request: (ctx) => ({
      label: 'POST description=probe%00nul',
      method: 'POST',
      path: '/open311/v2/requests.json',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `${form({ api_key: ctx.apiKey, service_code: 'pothole', address_string: '1 Main St', email: ctx.email })}&description=probe%00nul`,
    }),
    check: open311BadRequest('description'),
  },
  {
    item: 6,
    name: 'a GraphQL submission with \\u0000 in its description answers BAD_USER_INPUT naming description',
    request: (ctx) =>
      graphqlRequest(
        'submit with NUL',
        'mutation S($input: SubmitServiceRequestInput!) { submitServiceRequest(input: $input) { ticketNumber } }',
        {
          input: {
            serviceCode: 'pothole',
            description: 'probe\u0000nul',
            location: { address: '1 Main St' },
            reporter: { email: ctx.email },
          },
        },
      ),
    check: badUserInput('description'),
  },
  {
    item: 6,
    name: 'a GraphQL ticket number with \\u0000 answers BAD_USER_INPUT naming ticketNumber',
    request: () =>
      graphqlRequest(
        'track with NUL',
        'query T($t: String!) { caseByTicket(ticketNumber: $t) { id } }',
        {
          t: 'SR-2026\u00000000001',
        },
      ),
    check: badUserInput('ticketNumber'),
  },
  // Item 8: documents and parameters the gateway must not guess about.
  {
    item: 8,
    name: 'two operations without operationName answer 400, not 500',
    request: () =>
      graphqlRequest(
        'two operations',
        'query A { services { code } } query B { departments { code } }',
      ),
    check: refusedWith(400, 'OPERATION_RESOLUTION_FAILURE'),
  },
  {
    item: 8,
    name: 'a subscription (the schema has none) answers 400, not 500',
    request: () => graphqlRequest('subscription', 'subscription S { services { code } }'),
    check: refusedWith(400, 'OPERATION_RESOLUTION_FAILURE'),
  },
  {
    item: 8,
    name: 'an operationName the document lacks answers 400',
    request: () =>
      graphqlRequest(
        'unknown operationName',
        'query A { services { code } }',
        {},
        {},
        { operationName: 'C' },
      ),
    check: refusedWith(400, 'OPERATION_RESOLUTION_FAILURE'),
  },
  ...['json', 'xml'].map((format): RequestProbe => ({
    item: 8,
    name: `Open311 discovery.${format} ignores a forged Host header`,
    request: () => ({
      label: `discovery.${format} with a forged Host`,
      method: 'GET',
      path: `/open311/discovery.${format}`,
      headers: { host: 'attacker.example', 'x-forwarded-host': 'attacker.example' },
    }),
    check: (res) =>
      res.status === 200 &&
      !res.text.includes('attacker.example') &&
      res.text.includes('/open311/v2')
        ? []
        : [
            `expected discovery without the forged host, got ${res.status}: ${res.text.slice(0, 300)}`,
          ],
  })),
  ...[
    ['service_code[$ne]=x', 'service_code[$ne]'],
    ['status[]=open', 'status[]'],
    ['status[0]=open&status[1]=closed', 'status[0]'],
    ['service_request_id[$gt]=', 'service_request_id[$gt]'],
  ].map(([query, parameter]): RequestProbe => ({
    item: 8,
    name: `Open311 GET requests.json?${query} answers 400 naming ${parameter}, not the unfiltered list`,
    request: () => ({
      label: `requests.json?${query}`,
      method: 'GET',
      path: `/open311/v2/requests.json?${encodeURI(query).replace(/\$/g, '%24')}`,
    }),
    check: open311BadRequest(parameter),
  })),
  {
    item: 8,
    name: 'Open311 POST requests.json with a bracketed parameter in the form answers 400 naming it',
    request: (ctx) => ({
      label: 'POST requests.json with service_code[$ne]',
      method: 'POST',
      path: '/open311/v2/requests.json',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `${form({ api_key: ctx.apiKey, address_string: '1 Main St' })}&service_code%5B%24ne%5D=x`,
    }),
    check: open311BadRequest('service_code[$ne]'),
  },
];

export const ABUSE_CORPUS: readonly AbuseProbe[] = [...REQUEST_PROBES, ...ABUSE_SCENARIOS];
