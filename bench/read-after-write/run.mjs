// Read-after-write benchmark: `npm run bench:read-after-write` (builds first). Issue 12 (target 6)
// makes a ticket readable the moment intake acknowledges it (docs/adr/0070): a read that finds no
// case asks intake over NATS. This measures what that costs and shows it is paid on a miss only:
// it starts the built cases and intake services on databases of their own (one bus namespace),
// seeds BENCH_CASES cases into cases and BENCH_PENDING accepted submissions with no case into
// intake (payloads sealed as intake seals them), then times, one at a time after one untimed run,
// BENCH_RUNS anonymous reads of each kind straight on cases' subgraph as the gateway calls it:
// `caseByTicket` of an open case (the hot path), of an accepted ticket with no case (provisional),
// and of an unknown ticket; and `serviceRequests(filter: { ticketNumbers })` (Open311 GET
// requests/{id}) of an open case and of a provisional one. Prints p50/p95/p99 and each service's
// CPU per read (from /proc). Calibration (bench/lib): `uptime`, a CPU loop and `pgbench -S`,
// before and after. Writes bench/read-after-write/results/<date>[-<label>].json.
// Environment: DATABASE_URL, NATS_URL, BENCH_CASES (100000), BENCH_PENDING (1000), BENCH_RUNS
// (300), BENCH_LABEL, BENCH_PGBENCH=0 (no pgbench).
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { encodeIdentity } from '@civitas/auth';
import { piiCipherFrom } from '@civitas/crypto';
import {
  benchDatabase,
  calibrate,
  DATABASE_URL,
  LABEL,
  log,
  machine,
  NATS_URL,
  percentile,
  processUsage,
  round1,
  serviceEnvFor,
  startBuiltService,
  subgraphCaller,
  writeResult,
} from '../lib/harness.mjs';

const env = process.env;
const CASES = Number(env.BENCH_CASES ?? 100_000);
const PENDING = Number(env.BENCH_PENDING ?? 1000);
const RUNS = Number(env.BENCH_RUNS ?? 300);
const BASE = benchDatabase('raw');
const SECRET = randomBytes(24).toString('base64url');
const PII_KEYS = `bench1:${randomBytes(32).toString('base64')}`;
const PII_HASH_KEY = randomBytes(32).toString('base64');

const envOf = (service, extra = {}) =>
  serviceEnvFor({
    database: `${BASE}_${service}`,
    databaseUrl: DATABASE_URL,
    natsUrl: NATS_URL,
    secret: SECRET,
    BUS_NAMESPACE: BASE.replace(/_/g, '-'),
    ...extra,
  });
const dbOf = (service) =>
  new pg.Client({ connectionString: `${DATABASE_URL.replace(/\/[^/]*$/, '')}/${BASE}_${service}` });

const anonymous = encodeIdentity({ sub: null, roles: [], departments: [] });

const graphql = subgraphCaller(SECRET, anonymous);

const TRACK = `query($t: String!) {
  caseByTicket(ticketNumber: $t) { id ticketNumber status createdAt description location { latitude longitude address } service { code } }
}`;
const LIST = `query($t: [String!]) {
  serviceRequests(filter: { ticketNumbers: $t }) { ticketNumber status createdAt description location { latitude longitude address } }
}`;

async function timed(what, run, pids, expect) {
  const answer = await run(0);
  if (!expect(answer)) {
    throw new Error(`${what}: unexpected answer ${JSON.stringify(answer)}`);
  }
  const times = [];
  const before = Object.fromEntries(Object.entries(pids).map(([n, p]) => [n, processUsage(p)]));
  const started = performance.now();
  for (let i = 1; i <= RUNS; i++) {
    const one = performance.now();
    await run(i);
    times.push(performance.now() - one);
  }
  const wallMs = performance.now() - started;
  times.sort((a, b) => a - b);
  const cpuMsPerRead = Object.fromEntries(
    Object.entries(pids).map(([n, p]) => [
      n,
      round1(((processUsage(p).cpuSeconds - before[n].cpuSeconds) * 1000) / RUNS),
    ]),
  );
  const result = {
    what,
    runs: RUNS,
    p50: round1(percentile(times, 50)),
    p95: round1(percentile(times, 95)),
    p99: round1(percentile(times, 99)),
    max: round1(times.at(-1)),
    perSecond: round1((RUNS * 1000) / wallMs),
    cpuMsPerRead,
  };
  log(
    `${what}: p50 ${result.p50} ms, p95 ${result.p95} ms, p99 ${result.p99} ms; CPU/read ${JSON.stringify(cpuMsPerRead)}`,
  );
  return result;
}

const calibration = calibrate({ databaseUrl: DATABASE_URL });
const intake = await startBuiltService('intake', envOf('intake', { PII_KEYS, PII_HASH_KEY }));
const cases = await startBuiltService('cases', envOf('cases'));
const admin = new pg.Client({ connectionString: DATABASE_URL });
await admin.connect();
const casesDb = dbOf('cases');
const intakeDb = dbOf('intake');
let result;
try {
  await casesDb.connect();
  await intakeDb.connect();
  log(`seeding ${CASES} cases and ${PENDING} accepted submissions without a case (${BASE}_*)`);
  await casesDb.query(
    `INSERT INTO service_case (id, ticket_number, submission_id, service_code, channel, status,
       description, latitude, longitude, address, opened_at, updated_at)
     SELECT gen_random_uuid(), 'RAW-' || g, gen_random_uuid(), 'pothole', 'WEB', 'OPEN',
            'Pothole number ' || g, 40.7 + (g % 1000) / 10000.0, -74.0 - (g % 997) / 10000.0,
            g || ' Main St', now() - (g || ' minutes')::interval, now()
     FROM generate_series(1, $1::int) g`,
    [CASES],
  );
  const cipher = piiCipherFrom(PII_KEYS, PII_HASH_KEY);
  const pending = Array.from({ length: PENDING }, (_, i) => i + 1);
  await intakeDb.query(
    `INSERT INTO submission (id, ticket_number, channel, service_code, payload_sealed, emergency, private, received_at)
     SELECT gen_random_uuid(), t, 'WEB', 'pothole', sealed, false, false, now()
     FROM unnest($1::text[], $2::text[]) AS u(t, sealed)`,
    [
      pending.map((i) => `RAWP-${i}`),
      pending.map((i) =>
        cipher.encrypt(
          JSON.stringify({
            serviceCode: 'pothole',
            channel: 'WEB',
            description: `Pending pothole ${i}`,
            location: { latitude: 40.71, longitude: -74.0, address: `${i} Centre St` },
            reporter: { email: `resident${i}@example.org` },
          }),
        ),
      ),
    ],
  );
  await casesDb.query('VACUUM ANALYZE service_case');
  await intakeDb.query('VACUUM ANALYZE submission');
  const pids = { cases: cases.child.pid, intake: intake.child.pid };
  const caseTicket = (i) => `RAW-${1 + ((i * 7919) % CASES)}`;
  const pendingTicket = (i) => `RAWP-${1 + (i % PENDING)}`;
  const reads = [];
  reads.push(
    await timed(
      'caseByTicket, open case (hot path)',
      (i) => graphql(cases.url, TRACK, { t: caseTicket(i) }),
      pids,
      (d) => d.caseByTicket?.status === 'OPEN',
    ),
  );
  reads.push(
    await timed(
      'caseByTicket, accepted ticket without a case (provisional)',
      (i) => graphql(cases.url, TRACK, { t: pendingTicket(i) }),
      pids,
      (d) => d.caseByTicket?.status === 'NEW' && d.caseByTicket.description !== null,
    ),
  );
  reads.push(
    await timed(
      'caseByTicket, unknown ticket',
      (i) => graphql(cases.url, TRACK, { t: `NOPE-${i}` }),
      pids,
      (d) => d.caseByTicket === null,
    ),
  );
  reads.push(
    await timed(
      'serviceRequests by ticket (Open311 GET requests/{id}), open case',
      (i) => graphql(cases.url, LIST, { t: [caseTicket(i)] }),
      pids,
      (d) => d.serviceRequests.length === 1,
    ),
  );
  reads.push(
    await timed(
      'serviceRequests by ticket (Open311 GET requests/{id}), provisional',
      (i) => graphql(cases.url, LIST, { t: [pendingTicket(i)] }),
      pids,
      (d) => d.serviceRequests[0]?.status === 'NEW',
    ),
  );
  result = {
    date: new Date().toISOString(),
    cases: CASES,
    pendingSubmissions: PENDING,
    runsPerRead: RUNS,
    machine: machine(),
    calibration: calibration.finish(),
    reads,
  };
} finally {
  await casesDb.end().catch(() => undefined);
  await intakeDb.end().catch(() => undefined);
  for (const { child } of [cases, intake]) {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  }
  for (const service of ['cases', 'intake']) {
    await admin.query(`DROP DATABASE IF EXISTS ${BASE}_${service}`);
  }
  await admin.end();
}
writeResult('read-after-write', LABEL, result);
