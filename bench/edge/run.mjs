// Edge benchmark: `npm run bench:edge` (builds first). Issue 9 asks that no request be slower
// than 1 s because of its content. This starts the whole built platform (the five services and the
// gateway, each a process, on this machine's Postgres and NATS, in databases and a bus namespace
// of its own), then sends each adversarial request below BENCH_RUNS times, one at a time, and
// prints and writes per probe: the statuses seen, p50/p95/p99/max latency and the answer's size.
// Probes are requests whose content is meant to cost the gateway work: variables (long lists of
// the wrong type, many values, deep nesting, long strings: docs/adr/0050), documents at and past
// the limits of docs/adr/0037 (aliases, long string literals, hundreds of operations or fragments,
// deep input literals), big bodies just under the body limit, and Open311 forms with thousands of
// parameters, very long values or thousands of `attribute[...]` keys. An ordinary request
// (`services`) and Open311's default list are timed too, for comparison.
// Calibration, so figures from a busy machine are read as such: `uptime` before and after, a fixed
// CPU loop timed before and after (the same work every run: its time shows how much of a core the
// bench got), and `pgbench -S -T 10` on a scratch database (select-only transactions a second on
// the Postgres the platform uses; BENCH_PGBENCH=0 skips it).
// Writes bench/edge/results/<date>.json (BENCH_LABEL adds -<label>).
// Environment: DATABASE_URL, NATS_URL, BENCH_RUNS (20), BENCH_LABEL, BENCH_PGBENCH (1),
// BENCH_NODE_ENV (test; production also turns stack traces off), BENCH_ROOT (another checkout's
// root, built, to time its gateway and services: a before/after).
import { request } from 'node:http';
import { connect } from '@nats-io/transport-node';
import pg from 'pg';
import { deleteNamespaceStreams } from '@civitas/testing';
import { BACKEND_SERVICES, launchPlatform, signDevToken } from '@civitas/tools';
import {
  calibrate,
  DATABASE_URL,
  LABEL,
  log,
  machine,
  NATS_URL,
  percentile,
  round1,
  writeResult,
} from '../lib/harness.mjs';

const env = process.env;
const RUNS = Number(env.BENCH_RUNS ?? 20);
const NODE_ENV = env.BENCH_NODE_ENV ?? 'test';
const PREFIX = `civitas_bench_edge_${Date.now().toString(36)}`;
const NAMESPACE = PREFIX.replace(/_/g, '-');
/** The target: no request slower than this because of its content. */
const TARGET_MS = 1000;

/** One request exactly as written (as e2e/security/raw-http.ts sends them). */
function send(base, req) {
  const url = new URL(base);
  const body = req.body === undefined ? undefined : Buffer.from(req.body);
  const headers = { ...(req.headers ?? {}) };
  if (body) {
    headers['content-length'] = body.length;
  }
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const outgoing = request(
      {
        host: url.hostname,
        port: url.port,
        method: req.method,
        path: req.path,
        headers,
        agent: false,
      },
      (res) => {
        let bytes = 0;
        const chunks = [];
        res.on('data', (chunk) => {
          bytes += chunk.length;
          if (bytes < 2000) {
            chunks.push(chunk);
          }
        });
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            ms: performance.now() - started,
            bytes,
            head: Buffer.concat(chunks).toString('utf8').slice(0, 300),
          }),
        );
        res.on('error', reject);
      },
    );
    outgoing.setTimeout(120_000, () =>
      outgoing.destroy(new Error(`${req.name}: no answer in 120 s`)),
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

const graphql = (query, variables = {}, extra = {}, headers = {}) => ({
  method: 'POST',
  path: '/graphql',
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify({ query, variables, ...extra }),
});
const form = (path, body) => ({
  method: 'POST',
  path,
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body,
});
const nestedLiteral = (depth) => `${'{ a: '.repeat(depth)}1${' }'.repeat(depth)}`;
const SET_ATTRIBUTES =
  'mutation M($a: [ServiceAttributeInput!]!) { setServiceAttributes(serviceCode: "pothole", attributes: $a) { code } }';
const FILTER = 'query Q($f: ServiceRequestFilterInput) { serviceRequests(filter: $f) { id } }';

/** Each adversarial request (and two ordinary ones), built once the API key is known. */
function probes(apiKey) {
  const submit = (extra) =>
    `api_key=${apiKey}&service_code=pothole&address_string=1%20Main%20St&email=bench%40example.org&description=Bench${extra}`;
  return [
    { name: 'reference: { services { code name } }', ...graphql('{ services { code name } }') },
    {
      name: 'reference: Open311 GET requests.json (default page)',
      method: 'GET',
      path: '/open311/v2/requests.json',
    },
    {
      name: 'variables: list of 5,000 wrong-type items (20 KB)',
      ...graphql(SET_ATTRIBUTES, { a: Array.from({ length: 5_000 }, () => 'x') }),
    },
    {
      name: 'variables: list of 200,000 wrong-type items (800 KB)',
      ...graphql(SET_ATTRIBUTES, { a: Array.from({ length: 200_000 }, () => 'x') }),
    },
    {
      name: 'variables: 1,000 wrong-type items (at the list limit)',
      ...graphql(FILTER, { f: { ticketNumbers: Array.from({ length: 1_000 }, () => ({})) } }),
    },
    {
      name: 'variables: 1,000 import records, every status wrong',
      ...graphql(
        'mutation I($input: ImportLegacyRecordsInput!) { importLegacyRecords(input: $input) { imported } }',
        {
          input: {
            sourceSystem: 'bench',
            records: Array.from({ length: 1_000 }, (_, i) => ({
              sourceId: `b-${i}`,
              serviceCode: 'pothole',
              openedAt: '2014-04-01T10:00:00Z',
              status: 'NOPE',
              description: 'd'.repeat(200),
              location: { latitude: 45.4, longitude: -75.7, address: '110 Laurier Ave W' },
            })),
          },
        },
      ),
    },
    {
      name: 'variables: 24,000 values in an undeclared variable (under the limit)',
      ...graphql('{ services { code } }', {
        pad: Array.from({ length: 800 }, () => Array.from({ length: 29 }, () => 0)),
      }),
    },
    {
      name: 'variables: 100,000 values (over the limit)',
      ...graphql('{ services { code } }', {
        pad: Array.from({ length: 1_000 }, () => Array.from({ length: 99 }, () => 0)),
      }),
    },
    {
      name: 'variables: object nested 10,000 deep',
      // Written out: JSON.stringify itself runs out of stack on it.
      method: 'POST',
      path: '/graphql',
      headers: { 'content-type': 'application/json' },
      body: `{"query":${JSON.stringify(FILTER)},"variables":{"f":${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}}}`,
    },
    {
      name: 'variables: one string of 900,000 characters',
      ...graphql('query T($t: String!) { caseByTicket(ticketNumber: $t) { id } }', {
        t: 'S'.repeat(900_000),
      }),
    },
    {
      name: 'document: 30 aliases of services (at the limit)',
      ...graphql(
        `{ ${Array.from({ length: 30 }, (_, i) => `a${i}: services { code }`).join(' ')} }`,
      ),
    },
    {
      name: 'document: a string literal of 65,000 characters',
      ...graphql(`{ caseByTicket(ticketNumber: "${'S'.repeat(65_000)}") { id } }`),
    },
    {
      name: 'document: 600 operations, one chosen',
      ...graphql(
        Array.from({ length: 600 }, (_, i) => `query Q${i} { __typename }`).join(' '),
        {},
        { operationName: 'Q599' },
      ),
    },
    {
      name: 'document: 280 unused fragments',
      ...graphql(`
        {
          __typename
        }
        ${Array.from({ length: 280 }, (_, i) => `fragment F${i} on Query { __typename }`).join(' ')}
      `),
    },
    {
      name: 'document: an input object literal nested 600 deep',
      ...graphql(`{ caseByTicket(ticketNumber: ${nestedLiteral(600)}) { id } }`),
    },
    {
      name: 'document: a list literal nested 1,900 deep',
      ...graphql(`{ caseByTicket(ticketNumber: ${'['.repeat(1_900)}${']'.repeat(1_900)}) { id } }`),
    },
    {
      name: 'body: 1 MiB less 1 KB of JSON beside the query',
      ...graphql(
        '{ services { code } }',
        {},
        { pad: Array.from({ length: 200_000 }, () => 1), tail: 'x'.repeat(646_000) },
      ),
    },
    {
      name: 'body: 1 MiB less 1 KB, an extensions object of 100,000 keys',
      ...graphql(
        '{ services { code } }',
        {},
        {
          extensions: Object.fromEntries(Array.from({ length: 90_000 }, (_, i) => [`k${i}`, 1])),
        },
      ),
    },
    {
      name: 'Open311: POST requests.json with 1,000 parameters (at the limit)',
      ...form('/open311/v2/requests.json', `${submit('')}&${'x=1&'.repeat(990)}y=1`),
    },
    {
      name: 'Open311: POST requests.json with 200,000 parameters (800 KB)',
      ...form('/open311/v2/requests.json', `${submit('')}&${'x=1&'.repeat(200_000)}y=1`),
    },
    {
      name: 'Open311: POST requests.json with 990 attribute[...] keys',
      ...form(
        '/open311/v2/requests.json',
        `${submit('')}&${Array.from({ length: 990 }, (_, i) => `attribute%5Bk${i}%5D=v`).join('&')}`,
      ),
    },
    {
      name: 'Open311: POST requests.json with 35,000 attribute[...] keys',
      ...form(
        '/open311/v2/requests.json',
        `${submit('')}&${Array.from({ length: 35_000 }, (_, i) => `attribute%5Bk${i}%5D=v`).join('&')}`,
      ),
    },
    {
      name: 'Open311: POST requests.json with a description of 900,000 characters',
      ...form('/open311/v2/requests.json', submit('z'.repeat(900_000))),
    },
    {
      name: 'Open311: GET requests.json with 800 service_request_ids',
      method: 'GET',
      path: `/open311/v2/requests.json?service_request_id=${Array.from({ length: 800 }, (_, i) => `SR-2026-${String(i).padStart(7, '0')}`).join(',')}`,
    },
    {
      name: 'Open311: GET requests.json with 1,100 query parameters',
      method: 'GET',
      path: `/open311/v2/requests.json?${'status=open&'.repeat(1_100)}x=1`,
    },
  ];
}

async function dropDatabases() {
  const admin = new pg.Client({ connectionString: DATABASE_URL });
  await admin.connect();
  try {
    for (const service of BACKEND_SERVICES) {
      await admin.query(`DROP DATABASE IF EXISTS "${PREFIX}_${service}" WITH (FORCE)`);
    }
  } finally {
    await admin.end();
  }
  const nc = await connect({ servers: NATS_URL });
  await deleteNamespaceStreams(nc, NAMESPACE);
  await nc.close();
}

const calibration = calibrate({ databaseUrl: DATABASE_URL });

log('starting the platform');
const platform = await launchPlatform({
  rootDir: env.BENCH_ROOT,
  databaseUrl: DATABASE_URL,
  natsUrl: NATS_URL,
  databasePrefix: PREFIX,
  busNamespace: NAMESPACE,
  ports: { gateway: 0, intake: 0, cases: 0, citizens: 0, routing: 0, analytics: 0 },
  quiet: true,
  ephemeralSecrets: true,
  nodeEnv: NODE_ENV,
  logLevel: 'warn',
  // Every probe comes from one address: the rate limits (docs/adr/0044) out of the way.
  extraEnv: {
    RATE_LIMIT_MAX: '1000000',
    RATE_LIMIT_AUTH_FAILURES_MAX: '1000000',
    RATE_LIMIT_STRICT_MAX: '1000000',
  },
});
const results = [];
try {
  const base = platform.baseUrl('gateway');
  const admin = await signDevToken(
    { sub: 'bench-edge-admin', roles: ['admin'], departments: [], expiresIn: '1h' },
    platform.secrets.AUTH_DEV_SIGNING_KEY,
  );
  const created = await send(base, {
    name: 'api key',
    ...graphql(
      'mutation K($n: String!) { createApiKey(input: { name: $n }) { key } }',
      { n: 'edge bench' },
      {},
      { authorization: `Bearer ${admin}` },
    ),
  });
  const apiKey = /"key":"([^"]+)"/.exec(created.head)?.[1];
  if (!apiKey) {
    throw new Error(`no API key: ${created.status} ${created.head}`);
  }
  for (const probe of probes(encodeURIComponent(apiKey))) {
    // One untimed request first: the first of a kind warms caches (query plans, JIT).
    await send(base, probe);
    const times = [];
    const statuses = {};
    let bytes = 0;
    let head = '';
    for (let i = 0; i < RUNS; i++) {
      const res = await send(base, probe);
      times.push(res.ms);
      statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      bytes = res.bytes;
      head = res.head;
    }
    times.sort((a, b) => a - b);
    const row = {
      probe: probe.name,
      requestBytes: probe.body ? Buffer.byteLength(probe.body) : probe.path.length,
      statuses,
      p50: round1(percentile(times, 50)),
      p95: round1(percentile(times, 95)),
      p99: round1(percentile(times, 99)),
      max: Number(times[times.length - 1].toFixed(1)),
      answerBytes: bytes,
      answer: head.slice(0, 200),
    };
    results.push(row);
    log(
      `${row.max > TARGET_MS ? 'SLOW ' : ''}${row.probe}: ${JSON.stringify(statuses)} p50 ${row.p50} p95 ${row.p95} p99 ${row.p99} max ${row.max} ms, answer ${bytes} B`,
    );
  }
} finally {
  await platform.stop();
  await dropDatabases();
}

const calibrated = calibration.finish();
const result = {
  benchmark: 'adversarial requests at the edge, one at a time, against the whole built platform',
  date: new Date().toISOString(),
  nodeEnv: NODE_ENV,
  runsPerProbe: RUNS,
  targetMs: TARGET_MS,
  machine: machine(),
  calibration: calibrated,
  probes: results,
  overTarget: results.filter((r) => r.max > TARGET_MS).map((r) => r.probe),
};
writeResult('edge', LABEL, result);
