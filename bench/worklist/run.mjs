// Worklist benchmark: `npm run bench:worklist [-- --open N]` (builds first). Issue 10 (part 4)
// asks that a department with 100,000 open cases page its worklist fast (docs/adr/0059). This
// starts the built cases service on a database of its own (it migrates it), seeds N open cases in
// one department (`streets`: five queues, four priorities, due times spread over ±30 days, a third
// assigned among 40 staff), as many again spread over nine other departments, and three times N
// closed cases, then times each worklist question below BENCH_RUNS times one at a time, after one
// untimed run, straight on the subgraph as the gateway calls it (a caseworker of streets), and
// prints p50/p95/p99 and throughput. Deep pages are reached by following cursors (page 200 of
// DUE_AT is the 5,001st to 5,025th case). The service's CPU time (from /proc) and resident memory
// are read before and after the timed runs. Calibration, so figures from a busy machine are read as
// such: `uptime`, a fixed CPU loop and `pgbench -S` for 10 s, before and after (bench/lib).
// Writes bench/worklist/results/<date>[-<label>].json.
// Environment: DATABASE_URL, NATS_URL, BENCH_OPEN or --open (100000), BENCH_RUNS (50),
// BENCH_LABEL, BENCH_KEEP=1 (keep the database: its name is printed), BENCH_PGBENCH=0 (no pgbench).
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { encodeIdentity } from '@civitas/auth';
import {
  benchDatabase,
  calibrate,
  DATABASE_URL,
  KEEP,
  LABEL,
  log,
  machine,
  NATS_URL,
  numberArg,
  percentile,
  processUsage,
  round1,
  serviceEnvFor,
  startBuiltService,
  subgraphCaller,
  writeResult,
} from '../lib/harness.mjs';

const env = process.env;
const OPEN = numberArg('open', 'BENCH_OPEN', 100_000);
const RUNS = Number(env.BENCH_RUNS ?? 50);
const DATABASE = benchDatabase('worklist');
const SECRET = randomBytes(24).toString('base64url');
const STAFF = 40;

if (!Number.isInteger(OPEN) || OPEN < 1000) {
  console.error('--open must be a whole number of at least 1000');
  process.exit(2);
}

const serviceEnv = serviceEnvFor({
  database: DATABASE,
  databaseUrl: DATABASE_URL,
  natsUrl: NATS_URL,
  secret: SECRET,
});

async function seed(client) {
  await client.query(
    `INSERT INTO staff_member (subject, name, email, department_codes, queue_codes, capacity, active, updated_at, updated_by)
     SELECT 'cw-' || i, 'Caseworker ' || i, 'cw-' || i || '@city.example', ARRAY['streets'],
            ARRAY['streets.q' || (i % 5)], NULL, true, now(), 'bench'
     FROM generate_series(0, $1::int - 1) i`,
    [STAFF],
  );
  // Open cases of streets, then of nine other departments, then closed ones everywhere.
  const batches = [
    ['streets', OPEN, 'open'],
    ['other', OPEN, 'open'],
    ['any', 3 * OPEN, 'closed'],
  ];
  let offset = 0;
  for (const [department, count, state] of batches) {
    const started = Date.now();
    await client.query(
      `INSERT INTO service_case (id, ticket_number, submission_id, service_code, channel, status,
         priority, department_code, queue_code, due_at, at_risk_at, sla_clock, sla_hours, opened_at,
         routed_at, closed_at, updated_at, assignee_subject, assigned_at, district_code)
       SELECT gen_random_uuid(), 'BENCH-' || g, gen_random_uuid(), 'svc-' || (g % 40), 'WEB',
              CASE WHEN $4 = 'closed' THEN 'CLOSED' WHEN g % 3 = 0 THEN 'IN_PROGRESS' ELSE 'OPEN' END,
              CASE WHEN g % 50 = 0 THEN 'EMERGENCY' WHEN g % 7 = 0 THEN 'HIGH' WHEN g % 11 = 0 THEN 'LOW' ELSE 'NORMAL' END,
              CASE WHEN $3 = 'streets' THEN 'streets' ELSE 'dept-' || (g % 9) END,
              CASE WHEN $3 = 'streets' THEN 'streets.q' || (g % 5) ELSE 'dept-' || (g % 9) || '.general' END,
              due, due - interval '8 hours', 'CALENDAR', 48, due - interval '48 hours',
              due - interval '48 hours', CASE WHEN $4 = 'closed' THEN due - interval '1 hour' END, now(),
              CASE WHEN $3 = 'streets' AND $4 = 'open' AND g % 3 = 1 THEN 'cw-' || (g % $5::int) END,
              CASE WHEN $3 = 'streets' AND $4 = 'open' AND g % 3 = 1 THEN now() END,
              'D' || (g % 59)
       FROM generate_series($1::int, $2::int) g,
            LATERAL (SELECT now() + (random() * 60 - 30) * interval '1 day' AS due) d`,
      [offset, offset + count - 1, department, state, STAFF],
    );
    offset += count;
    log(`seeded ${count} ${state} cases of ${department} (${Date.now() - started} ms)`);
  }
}

const identity = encodeIdentity({
  sub: 'cw-1',
  roles: ['caseworker'],
  departments: ['streets'],
});
const supervisor = encodeIdentity({
  sub: 'sup-streets',
  roles: ['supervisor'],
  departments: ['streets'],
});

const graphql = subgraphCaller(SECRET, identity);

const PAGE = `query($f: WorklistFilterInput, $s: WorklistSort, $a: String) {
  worklist(filter: $f, sort: $s, first: 25, after: $a) {
    nodes { id ticketNumber status priority dueAt assignee { subject name } sla { state remainingMinutes } }
    endCursor hasNextPage
  }
}`;

/** The cursor after `pages` pages of 25 in `sort` order with `filter`. */
async function cursorAfter(url, sort, filter, pages) {
  let after = null;
  for (let i = 0; i < pages; i++) {
    after = (await graphql(url, PAGE, { s: sort, f: filter, a: after })).worklist.endCursor;
  }
  return after;
}

async function timed(what, run, pid) {
  await run();
  const times = [];
  const usageBefore = processUsage(pid);
  const started = performance.now();
  for (let i = 0; i < RUNS; i++) {
    const one = performance.now();
    await run();
    times.push(performance.now() - one);
  }
  const wallMs = performance.now() - started;
  const usageAfter = processUsage(pid);
  times.sort((a, b) => a - b);
  const result = {
    query: what,
    runs: RUNS,
    p50: round1(percentile(times, 50)),
    p95: round1(percentile(times, 95)),
    p99: round1(percentile(times, 99)),
    max: round1(times.at(-1)),
    perSecond: round1((RUNS * 1000) / wallMs),
    serviceCpuMsPerQuery: round1(((usageAfter.cpuSeconds - usageBefore.cpuSeconds) * 1000) / RUNS),
    serviceRssMiB: usageAfter.rssMiB,
  };
  log(`${what}: p50 ${result.p50} ms, p95 ${result.p95} ms, p99 ${result.p99} ms`);
  return result;
}

const calibration = calibrate({ databaseUrl: DATABASE_URL });
log(`${OPEN} open cases of one department into ${DATABASE}`);
const { child, url } = await startBuiltService('cases', serviceEnv);
const admin = new pg.Client({ connectionString: DATABASE_URL });
await admin.connect();
const db = new pg.Client({
  connectionString: `${DATABASE_URL.replace(/\/[^/]*$/, '')}/${DATABASE}`,
});
let result;
try {
  await db.connect();
  const seedStarted = Date.now();
  await seed(db);
  const seedMs = Date.now() - seedStarted;
  await db.query('VACUUM ANALYZE service_case');
  await db.query('VACUUM ANALYZE staff_member');
  const rssAtStart = processUsage(child.pid).rssMiB;
  const deepDue = await cursorAfter(url, 'DUE_AT', null, 200);
  const deepPriority = await cursorAfter(url, 'PRIORITY', null, 200);
  const questions = [
    ['DUE_AT, first page', { s: 'DUE_AT' }],
    ['DUE_AT, page 201 (by cursor)', { s: 'DUE_AT', a: deepDue }],
    ['PRIORITY, first page', { s: 'PRIORITY' }],
    ['PRIORITY, page 201 (by cursor)', { s: 'PRIORITY', a: deepPriority }],
    ['CREATED, first page', { s: 'CREATED' }],
    [
      'UNASSIGNED and AT_RISK, DUE_AT',
      { s: 'DUE_AT', f: { assignee: 'UNASSIGNED', slaState: 'AT_RISK' } },
    ],
    [
      'one queue, OVERDUE, PRIORITY',
      { s: 'PRIORITY', f: { queueCode: 'streets.q3', slaState: 'OVERDUE' } },
    ],
    ['ME (about 830 open cases), DUE_AT', { s: 'DUE_AT', f: { assignee: 'ME' } }],
    ['ME, PRIORITY', { s: 'PRIORITY', f: { assignee: 'ME' } }],
  ];
  const results = [];
  for (const [what, variables] of questions) {
    results.push(await timed(what, () => graphql(url, PAGE, variables), child.pid));
  }
  results.push(
    await timed(
      'workload(streets), 40 people',
      () =>
        graphql(
          url,
          'query { workload(departmentCode: "streets") { subject open atRisk overdue } }',
          {},
          supervisor,
        ),
      child.pid,
    ),
  );
  const plans = {};
  for (const [name, order] of [
    ['DUE_AT', 'c.due_at, c.id'],
    [
      'PRIORITY',
      `(CASE c.priority WHEN 'EMERGENCY' THEN 0 WHEN 'HIGH' THEN 1 WHEN 'NORMAL' THEN 2 ELSE 3 END), c.due_at, c.id`,
    ],
    ['CREATED', 'c.opened_at, c.id'],
  ]) {
    const plan = await db.query(
      `EXPLAIN (ANALYZE, BUFFERS, FORMAT TEXT) SELECT * FROM service_case c
        WHERE c.department_code = 'streets' AND c.status <> 'CLOSED' ORDER BY ${order} LIMIT 26`,
    );
    plans[name] = plan.rows.map((r) => r['QUERY PLAN']);
  }
  result = {
    date: new Date().toISOString(),
    openCasesInDepartment: OPEN,
    openCasesElsewhere: OPEN,
    closedCases: 3 * OPEN,
    staff: STAFF,
    pageSize: 25,
    runsPerQuery: RUNS,
    machine: machine(),
    calibration: calibration.finish(),
    seedMs,
    serviceRssMiBBeforeQueries: rssAtStart,
    queries: results,
    plans,
  };
} finally {
  await db.end().catch(() => undefined);
  child.kill('SIGTERM');
  await new Promise((resolve) => child.once('exit', resolve));
  if (!KEEP) {
    await admin.query(`DROP DATABASE IF EXISTS ${DATABASE}`);
  } else {
    log(`kept database ${DATABASE}`);
  }
  await admin.end();
}
writeResult('worklist', LABEL, result);
