// Open-data benchmark: `npm run bench:opendata [-- --cases N]` (builds first). Issue 11 asks that
// the full open-data CSV stream at more than 50,000 rows a second with the service's memory flat.
// This starts the built analytics service on a database of its own (it migrates it), plays
// routing's catalog on the bus (every service published on the grid with its description: the
// widest rows), seeds N case facts straight into the database (bench/lib/case-facts-seed.mjs,
// default 3,300,000, a year of NYC 311's volume), then downloads the whole file in each format
// from the service's REST endpoint as the gateway calls it, reading it as fast as it comes while
// sampling the service's resident memory every BENCH_SAMPLE_MS: rows/s, MB/s, time to the status
// line and to the first byte, the service's and its Postgres backends' CPU, peak RSS and its drift
// over the stream; then BENCH_RUNS conditional requests (If-None-Match with the current ETag),
// which read no fact (docs/adr/0065). Calibration: `uptime`, a fixed CPU loop and pgbench -S,
// before and after (bench/lib/harness.mjs). Writes bench/opendata/results/<date>[-<label>].json.
// Environment: DATABASE_URL, NATS_URL, BENCH_CASES or --cases (3300000), BENCH_RUNS (20),
// BENCH_SAMPLE_MS (200), BENCH_LABEL, BENCH_KEEP=1 (keep the database), BENCH_PGBENCH=0.
import { randomBytes } from 'node:crypto';
import { connect } from '@nats-io/transport-node';
import pg from 'pg';
import { encodeIdentity } from '@civitas/auth';
import {
  ANONYMOUS,
  GetServiceDefinition,
  HEADER_GATEWAY_SECRET,
  HEADER_IDENTITY,
} from '@civitas/contracts';
import { deleteNamespaceStreams, respondAs } from '@civitas/testing';
import { seedCaseFacts } from '../lib/case-facts-seed.mjs';
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
  postgresBackends,
  processUsage,
  round1,
  serviceEnvFor,
  startBuiltService,
  writeResult,
} from '../lib/harness.mjs';

const env = process.env;
const CASES = numberArg('cases', 'BENCH_CASES', 3_300_000);
const RUNS = Number(env.BENCH_RUNS ?? 20);
const SAMPLE_MS = Number(env.BENCH_SAMPLE_MS ?? 200);
const DATABASE = benchDatabase('opendata');
const NAMESPACE = DATABASE.replace(/_/g, '-');
const SECRET = randomBytes(24).toString('base64url');
/** The target for streaming the full file. */
const TARGET_ROWS_PER_SECOND = 50_000;

if (!Number.isInteger(CASES) || CASES < 1000) {
  console.error('--cases must be a whole number of at least 1000');
  process.exit(2);
}

const headers = {
  [HEADER_GATEWAY_SECRET]: SECRET,
  [HEADER_IDENTITY]: encodeIdentity(ANONYMOUS),
};

/**
 * Downloads one file as a client that reads as fast as it can, counting rows (CSV: line ends
 * CRLF, the header is one; JSON: one object a line) without holding the body, while sampling the
 * service's memory.
 */
async function stream(base, format, pid, backends) {
  const samples = [];
  const sample = () => samples.push(processUsage(pid).rssMiB);
  sample();
  const timer = setInterval(sample, SAMPLE_MS);
  const cpuBefore = processUsage(pid).cpuSeconds;
  const pgBefore = backends.cpuMs();
  const started = performance.now();
  try {
    const res = await fetch(`${base}/rest/open-data/service-requests.${format}`, { headers });
    const statusMs = performance.now() - started;
    if (res.status !== 200) {
      throw new Error(`${format}: ${res.status} ${await res.text()}`);
    }
    let firstByteMs = null;
    let bytes = 0;
    let lineEnds = 0;
    const crlf = format === 'csv';
    let lastByte = 0;
    for await (const chunk of res.body) {
      firstByteMs ??= performance.now() - started;
      bytes += chunk.length;
      for (let i = 0; i < chunk.length; i++) {
        // CSV rows end in CRLF (a description's own line break is a bare LF); JSON rows begin "\n{".
        if (chunk[i] === 10 && (crlf ? (i > 0 ? chunk[i - 1] : lastByte) === 13 : true)) {
          lineEnds++;
        }
      }
      lastByte = chunk[chunk.length - 1];
    }
    const totalMs = performance.now() - started;
    clearInterval(timer);
    sample();
    // CSV: the header's line end; JSON: "[\n{..},\n{..}\n]\n" has two more line ends than rows.
    const rows = lineEnds - (crlf ? 1 : 2);
    const during = samples.slice(1);
    const tenth = Math.max(1, Math.floor(during.length / 10));
    const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const result = {
      format,
      rows,
      bytes,
      statusMs: round1(statusMs),
      firstByteMs: round1(firstByteMs),
      totalMs: Math.round(totalMs),
      rowsPerSecond: Math.round(rows / (totalMs / 1000)),
      megabytesPerSecond: round1(bytes / 2 ** 20 / (totalMs / 1000)),
      serviceCpuSeconds: round1(processUsage(pid).cpuSeconds - cpuBefore),
      postgresCpuSeconds: round1((backends.cpuMs() - pgBefore) / 1000),
      rssMiB: {
        before: samples[0],
        peak: Math.max(...samples),
        firstTenthMean: round1(mean(during.slice(0, tenth))),
        lastTenthMean: round1(mean(during.slice(-tenth))),
        samples: samples.length,
      },
    };
    log(
      `${format}: ${rows} rows, ${(bytes / 2 ** 20).toFixed(1)} MiB in ${result.totalMs} ms ` +
        `(${result.rowsPerSecond} rows/s; first byte ${result.firstByteMs} ms); ` +
        `RSS ${result.rssMiB.before} -> peak ${result.rssMiB.peak} MiB ` +
        `(first tenth ${result.rssMiB.firstTenthMean}, last tenth ${result.rssMiB.lastTenthMean})`,
    );
    return result;
  } finally {
    clearInterval(timer);
  }
}

/** Conditional requests with the current ETag: 304 each, timed. */
async function notModified(base) {
  const first = await fetch(`${base}/rest/open-data/service-requests.csv`, { headers });
  const etag = first.headers.get('etag');
  await first.body.cancel();
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    const res = await fetch(`${base}/rest/open-data/service-requests.csv`, {
      headers: { ...headers, 'if-none-match': etag },
    });
    await res.arrayBuffer();
    times.push(performance.now() - started);
    if (res.status !== 304) {
      throw new Error(`If-None-Match answered ${res.status}`);
    }
  }
  times.sort((a, b) => a - b);
  const result = {
    runs: RUNS,
    p50: round1(percentile(times, 50)),
    p95: round1(percentile(times, 95)),
    max: round1(times.at(-1)),
  };
  log(`304 on If-None-Match: p50 ${result.p50} ms, p95 ${result.p95} ms`);
  return result;
}

const calibration = calibrate({ databaseUrl: DATABASE_URL });
log(`${CASES} cases into ${DATABASE}`);
const nc = await connect({ servers: NATS_URL });
// Routing's catalog: every service on the grid with its description, the widest rows.
const stopCatalog = respondAs(nc, NAMESPACE, GetServiceDefinition, 'routing', async (q) => ({
  found: true,
  knownCodes: [],
  service: {
    code: q.serviceCode,
    name: `Service ${q.serviceCode}`,
    departmentCode: 'dept-00',
    defaultPriority: 'NORMAL',
    targetHours: 72,
    openDataLocation: 'GRID',
    openDataDescription: true,
  },
}));
const { child, url } = await startBuiltService('analytics', {
  ...serviceEnvFor({
    database: DATABASE,
    databaseUrl: DATABASE_URL,
    natsUrl: NATS_URL,
    secret: SECRET,
  }),
  // The writer's first round runs at start, on an empty database; none after during the bench.
  OPEN_DATA_SNAPSHOT_CHECK_SECONDS: '86400',
});
const base = url.replace(/\/graphql$/, '');
const admin = new pg.Client({ connectionString: DATABASE_URL });
await admin.connect();
const db = new pg.Client({
  connectionString: `${DATABASE_URL.replace(/\/[^/]*$/, '')}/${DATABASE}`,
});
let result;
try {
  await db.connect();
  const seedStarted = Date.now();
  await seedCaseFacts(db, CASES);
  const seedMs = Date.now() - seedStarted;
  await db.query('VACUUM ANALYZE case_fact');
  const sizes = (
    await db.query(`SELECT (SELECT count(*) FROM case_fact WHERE NOT private)::int AS public_rows,
      (SELECT count(*) FROM open_data_change)::int AS change_rows,
      pg_total_relation_size('case_fact') AS fact_bytes`)
  ).rows[0];
  log(`seeded in ${seedMs} ms: ${JSON.stringify(sizes)}`);
  const backends = postgresBackends(DATABASE);
  const streams = [];
  for (const format of ['csv', 'json']) {
    streams.push(await stream(base, format, child.pid, backends));
  }
  const conditional = await notModified(base);
  result = {
    date: new Date().toISOString(),
    cases: CASES,
    targetRowsPerSecond: TARGET_ROWS_PER_SECOND,
    machine: machine(),
    calibration: calibration.finish(),
    seedMs,
    sizes,
    streams,
    notModified: conditional,
    metTarget: streams.every((s) => s.rowsPerSecond > TARGET_ROWS_PER_SECOND),
  };
} finally {
  await db.end().catch(() => undefined);
  child.kill('SIGTERM');
  await new Promise((resolve) => child.once('exit', resolve));
  await stopCatalog();
  await deleteNamespaceStreams(nc, NAMESPACE).catch(() => undefined);
  await nc.close();
  if (!KEEP) {
    await admin.query(`DROP DATABASE IF EXISTS ${DATABASE}`);
  } else {
    log(`kept database ${DATABASE}`);
  }
  await admin.end();
}
writeResult('opendata', LABEL, result);
