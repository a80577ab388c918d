// End-to-end import benchmark: `npm run build && node bench/import/run.mjs [--files N]`.
// Boots the platform on fresh databases, imports the Ottawa 2014 set (127k rows) through the
// gateway with the same code as `npm run import`, and waits until every imported row is an opened
// and routed case counted by analytics (polled in cases' and analytics' databases). Reports rows/s
// and the CPU each process spent per row (the services, their Postgres backends, NATS and the
// importer itself), with the calibration of bench/lib. Writes
// bench/import/results/<date>-<files>f[-<label>].json (BENCH_LABEL adds the label).
import { readdirSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import {
  calibrate,
  cpuMsPer,
  log,
  machine,
  natsServerPid,
  percentile,
  platformCpuMs,
  platformUsage,
  root,
  round1,
  writeResult,
} from '../lib/harness.mjs';
import { launchPlatform, signDevToken } from '../../tools/dist/index.js';
import { GatewayClient } from '../../tools/dist/import/gateway-client.js';
import { runImport } from '../../tools/dist/import/importer.js';
import { defaultMappingPath, loadMappingFile } from '../../tools/dist/import/mapping.js';

const args = process.argv.slice(2);
const fileLimit = args.includes('--files') ? Number(args[args.indexOf('--files') + 1]) : Infinity;
const dataDir = process.env.CIVITAS_SHARED_DATA
  ? join(process.env.CIVITAS_SHARED_DATA, '311', 'ottawa311')
  : join(root, '..', 'shared', 'data', '311', 'ottawa311');
const paths = readdirSync(dataDir)
  .sort()
  .slice(0, fileLimit)
  .map((f) => join(dataDir, f));
const prefix = `bench${Date.now().toString(36)}`;
const databaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const PROCESSES = ['gateway', 'intake', 'cases', 'routing', 'analytics', 'citizens'];
const DATABASES = ['intake', 'cases', 'routing', 'analytics', 'citizens'];

const calibration = calibrate({ databaseUrl });
const platform = await launchPlatform({
  ports: { gateway: 0, intake: 0, cases: 0, citizens: 0, routing: 0, analytics: 0 },
  busNamespace: prefix,
  databasePrefix: prefix,
  databaseUrl,
  nodeEnv: 'test',
  logLevel: 'warn',
  quiet: true,
  ephemeralSecrets: true,
});
const dbUrl = (service) => {
  const u = new URL(platform.databaseUrl);
  u.pathname = `/${prefix}_${service}`;
  return u.toString();
};
const clients = {};
const count = async (service, sql) => {
  if (!clients[service]) {
    clients[service] = new pg.Client({ connectionString: dbUrl(service) });
    await clients[service].connect();
  }
  return Number((await clients[service].query(sql)).rows[0].n);
};

/** Each platform process, each database's backends, NATS (shared with others) and the importer. */
const usage = platformUsage({
  platform,
  processes: PROCESSES,
  databases: DATABASES,
  databasePrefix: prefix,
  natsPid: natsServerPid(),
  natsName: 'nats-server (shared)',
  selfName: 'importer',
});
const perRow = (from, to, rows) => cpuMsPer(from, to, rows, 3);

let peakRss = 0;
const memTimer = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  usage.seeBackends();
}, 1000);
try {
  const token = await signDevToken(
    { roles: ['admin'], sub: 'bench', departments: [], expiresIn: '8h' },
    platform.secrets.AUTH_DEV_SIGNING_KEY,
  );
  const cpuStart = usage.cpuMs();
  const started = Date.now();
  const summary = await runImport({
    format: 'ottawa311',
    mapping: loadMappingFile(defaultMappingPath(root, 'ottawa311')),
    paths,
    sender: new GatewayClient(platform.gatewayUrl, token),
    reportPath: join(os.tmpdir(), `${prefix}-report.csv`),
    progressOut: process.stderr,
    progressIntervalMs: 10_000,
  });
  const intakeDone = Date.now();
  const cpuIntakeDone = usage.cpuMs();
  log(
    `intake accepted ${summary.imported} in ${((intakeDone - started) / 1000).toFixed(1)} s; waiting for cases, routing, analytics`,
  );
  let opened = 0;
  let routed = 0;
  let counted = 0;
  for (;;) {
    opened = await count('cases', 'SELECT count(*) AS n FROM service_case');
    routed = await count(
      'cases',
      'SELECT count(*) AS n FROM service_case WHERE routed_at IS NOT NULL',
    );
    counted = await count(
      'analytics',
      'SELECT count(*) AS n FROM case_fact WHERE department_code IS NOT NULL AND opened_at IS NOT NULL',
    );
    if (routed >= summary.imported && counted >= summary.imported) {
      break;
    }
    if (Date.now() - intakeDone > 60 * 60_000) {
      break;
    }
    if ((Date.now() - intakeDone) % 5000 < 250) {
      log(`opened ${opened} routed ${routed} analytics ${counted}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  const finished = Date.now();
  const cpuEnd = usage.cpuMs();
  const seconds = (finished - started) / 1000;
  const rows = summary.imported;
  const cpuMsPerRow = perRow(cpuStart, cpuEnd, rows);
  const latencies = [...summary.batchLatenciesMs].sort((a, b) => a - b);
  const result = {
    benchmark: 'import-ottawa311-end-to-end',
    date: new Date().toISOString(),
    files: paths.map((p) => p.split('/').pop()),
    rowsRead: summary.read,
    imported: summary.imported,
    alreadyThere: summary.alreadyThere,
    rejected: summary.rejected,
    casesOpened: opened,
    casesRouted: routed,
    analyticsFacts: counted,
    complete: routed >= summary.imported && counted >= summary.imported,
    seconds: round1(seconds),
    rowsPerSecond: Math.round(summary.read / seconds),
    intakeSeconds: round1((intakeDone - started) / 1000),
    catchUpSeconds: round1((finished - intakeDone) / 1000),
    intakeRowsPerSecond: Math.round(summary.read / ((intakeDone - started) / 1000)),
    batches: latencies.length,
    batchLatencyMs: { p50: percentile(latencies, 50), p95: percentile(latencies, 95) },
    cpuMsPerRow,
    cpuMsPerRowTotal: platformCpuMs(cpuMsPerRow, 3),
    cpuMsPerRowWhileImporting: perRow(cpuStart, cpuIntakeDone, rows),
    cpuMsPerRowCatchingUp: perRow(cpuIntakeDone, cpuEnd, rows),
    rssMiB: usage.rssMiB(),
    importerPeakRssMiB: Math.round(peakRss / 1048576),
    machine: {
      ...machine(),
      note: 'shared 2-core machine: others build and test at the same time',
    },
    calibration: calibration.finish(),
  };
  log(
    `${rows} rows in ${result.seconds} s: ${result.rowsPerSecond} rows/s; CPU ms per row ${result.cpuMsPerRowTotal}`,
  );
  console.log(JSON.stringify(result, null, 2));
  writeResult(
    'import',
    `${paths.length}f${process.env.BENCH_LABEL ? `-${process.env.BENCH_LABEL}` : ''}`,
    result,
  );
} finally {
  clearInterval(memTimer);
  await Promise.all(Object.values(clients).map((c) => c.end()));
  await platform.stop();
}
