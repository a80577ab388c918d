// End-to-end import benchmark: `npm run build && node bench/import/run.mjs [--files N] [--keep]`.
// Boots the platform on fresh databases, imports the Ottawa 2014 set (127k rows) through the
// gateway with the same code as `npm run import`, and waits until every imported row is an opened
// and routed case (polled in cases' and analytics' databases). Writes
// bench/results/import-<date>-<files>f.json.
import { readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import pg from 'pg';
import { launchPlatform, findRepoRoot, signDevToken } from '../../tools/dist/index.js';
import { GatewayClient } from '../../tools/dist/import/gateway-client.js';
import { runImport } from '../../tools/dist/import/importer.js';
import { defaultMappingPath, loadMappingFile } from '../../tools/dist/import/mapping.js';

const args = process.argv.slice(2);
const fileLimit = args.includes('--files') ? Number(args[args.indexOf('--files') + 1]) : Infinity;
const root = findRepoRoot();
const dataDir = process.env.CIVITAS_SHARED_DATA
  ? join(process.env.CIVITAS_SHARED_DATA, '311', 'ottawa311')
  : join(root, '..', 'shared', 'data', '311', 'ottawa311');
const paths = readdirSync(dataDir)
  .sort()
  .slice(0, fileLimit)
  .map((f) => join(dataDir, f));
const suffix = Date.now().toString(36);
const prefix = `bench${suffix}`;

const percentile = (values, p) => {
  const s = [...values].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] : null;
};

const platform = await launchPlatform({
  ports: { gateway: 0, intake: 0, cases: 0, citizens: 0, routing: 0, analytics: 0 },
  busNamespace: prefix,
  databasePrefix: prefix,
  databaseUrl: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
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
const count = async (service, sql) => {
  const c = new pg.Client({ connectionString: dbUrl(service) });
  await c.connect();
  try {
    return Number((await c.query(sql)).rows[0].n);
  } finally {
    await c.end();
  }
};

const loadAverageAtStart = os.loadavg().map((l) => Number(l.toFixed(2)));
let peakRss = 0;
const memTimer = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 500);
try {
  const token = await signDevToken(
    { roles: ['admin'], sub: 'bench', departments: [], expiresIn: '8h' },
    platform.secrets.AUTH_DEV_SIGNING_KEY,
  );
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
  process.stderr.write(
    `intake accepted ${summary.imported} in ${((intakeDone - started) / 1000).toFixed(1)} s; waiting for cases, routing, analytics\n`,
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
    process.stderr.write(
      `  opened ${opened} routed ${routed} analytics ${counted} (${((Date.now() - started) / 1000).toFixed(0)} s)\n`,
    );
    await new Promise((r) => setTimeout(r, 500));
  }
  const finished = Date.now();
  const seconds = (finished - started) / 1000;
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
    seconds: Number(seconds.toFixed(1)),
    rowsPerSecond: Math.round(summary.read / seconds),
    intakeSeconds: Number(((intakeDone - started) / 1000).toFixed(1)),
    intakeRowsPerSecond: Math.round(summary.read / ((intakeDone - started) / 1000)),
    batches: summary.batchLatenciesMs.length,
    batchLatencyMs: {
      p50: percentile(summary.batchLatenciesMs, 50),
      p95: percentile(summary.batchLatenciesMs, 95),
    },
    importerPeakRssMb: Math.round(peakRss / 1048576),
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model,
      totalMemGb: Number((os.totalmem() / 1073741824).toFixed(1)),
      loadAverageAtStart,
      loadAverageAtEnd: os.loadavg().map((l) => Number(l.toFixed(2))),
      node: process.version,
      platform: `${os.type()} ${os.release()}`,
      note: 'shared 2-core machine: other engineers run builds and tests at the same time',
    },
  };
  mkdirSync(join(root, 'bench', 'results'), { recursive: true });
  const out = join(
    root,
    'bench',
    'results',
    `import-${result.date.slice(0, 10)}-${paths.length}f.json`,
  );
  writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
  process.stdout.write(`${JSON.stringify(result, null, 2)}\nwritten to ${out}\n`);
} finally {
  clearInterval(memTimer);
  await platform.stop();
}
