// Escalation scan benchmark: `npm run bench:escalation` (builds first). Issue 10 asks that one round
// of routing's escalation scan with 1,000,000 open cases take < 1 s, and that its CPU be reported.
// This migrates a routing database of its own (the built service with MIGRATE_ONLY), seeds
// BENCH_CASES (1,000,000) open live cases straight into `case_routing` and their two deadlines
// into `sla_deadline` as routing leaves them (opened over the last 3 days on a 72-hour target, so
// the at-risk deadline of a fifth has fired and every due one is ahead), then times one round of
// the very code a replica runs every ESCALATION_SCAN_MS (`DeadlineTimer.scan`: claim the due
// deadlines `FOR UPDATE SKIP LOCKED` in batches of 500, record them FIRED and write their events to
// the outbox, one transaction per batch) several times after one untimed, for rounds with 0, 50 (a
// 15 s round at 1M cases due within a week), 1,000 and 10,000 (a backlog after an outage)
// deadlines due: 100 rounds of 0 and of 50 due (enough for a p99 that is not just the maximum), 20
// of 1,000 and 5 of 10,000 (BENCH_RUNS sets one count for all). Before each round that many
// pending deadlines are moved to a second ago.
// Prints and writes, per kind of round, p50/p95/p99/max wall time and the CPU of a round (this
// process, and the database's backends from /proc in 10 ms ticks): its mean and its p50/p95/p99
// over the rounds, since on a shared machine the CPU is the figure that does not depend on the
// neighbours. Also memory, table sizes; calibration (`uptime`, a fixed CPU loop and `pgbench -S`
// for 10 s, before and after: bench/lib). Writes bench/escalation/results/<date>[-<label>].json.
// Environment: DATABASE_URL, BENCH_CASES (1000000), BENCH_RUNS (per round as above), BENCH_LABEL,
// BENCH_KEEP=1, BENCH_PGBENCH=0 (no pgbench).
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import pg from 'pg';
import { DataSource } from 'typeorm';
import {
  benchDatabase,
  calibrate,
  DATABASE_URL,
  KEEP,
  LABEL,
  log,
  machine,
  percentile,
  postgresBackends,
  root,
  round1,
  serviceEnvFor,
  writeResult,
} from '../lib/harness.mjs';

const dist = (path) => join(root, 'services/routing/dist', path);
const env = process.env;
const CASES = Number(env.BENCH_CASES ?? 1_000_000);
const RUNS_BY_DUE = { 0: 100, 50: 100, 1_000: 20, 10_000: 5 };
const runsOf = (due) => Number(env.BENCH_RUNS ?? RUNS_BY_DUE[due]);
const DATABASE = benchDatabase('escalation');
const ROUNDS = [0, 50, 1_000, 10_000];
const TARGET_MS = 1_000;

const { loadConfig } = await import('@civitas/config');
const { UnitOfWork } = await import('@civitas/messaging');
const { busOptionsOf, serviceDataSourceOptions } = await import('@civitas/service-kit');
const { ROUTING } = await import(dist('database/definition.js'));
const { RoutingConfig } = await import(dist('config/routing.config.js'));
const { DeadlineTimer, SlaDeadlineRepository } = await import(dist('escalation/index.js'));

Logger.overrideLogger(false);
const backends = postgresBackends(DATABASE);

const serviceEnv = serviceEnvFor({
  database: DATABASE,
  databaseUrl: DATABASE_URL,
  SEED_CATALOG: 'false',
  MIGRATE_ONLY: 'true',
});

const calibration = calibrate({ databaseUrl: DATABASE_URL });
log(`${CASES} open cases into ${DATABASE}`);
execFileSync(process.execPath, [dist('main.js')], { env: serviceEnv, stdio: 'inherit' });

const config = loadConfig(RoutingConfig, serviceEnv);
const dataSource = await new DataSource(serviceDataSourceOptions(ROUTING, config)).initialize();
const admin = new pg.Client({ connectionString: DATABASE_URL });
await admin.connect();
let result;
try {
  backends.renice();
  const seedStarted = Date.now();
  await dataSource.query(
    `
    INSERT INTO case_routing (case_id, ticket_number, service_code, department_code, queue_code,
      priority, target_hours, sla_clock, opened_at, due_at, at_risk_at, routed_at)
    SELECT gen_random_uuid(), 'BENCH-' || g, 'svc-' || (g % 150), 'dept-' || (g % 15),
           'dept-' || (g % 15) || '.general', 'NORMAL', 72, 'CALENDAR',
           o, o + interval '72 hours', o + interval '57.6 hours', o
      FROM (SELECT g, now() - random() * interval '72 hours' + interval '1 minute' AS o
              FROM generate_series(1, $1::int) g) s`,
    [CASES],
  );
  await dataSource.query(`
    INSERT INTO sla_deadline (case_id, kind, due_at, state, fired_at)
    SELECT case_id, 'AT_RISK', at_risk_at,
           CASE WHEN at_risk_at <= now() THEN 'FIRED' ELSE 'PENDING' END,
           CASE WHEN at_risk_at <= now() THEN at_risk_at END
      FROM case_routing
    UNION ALL
    SELECT case_id, 'OVERDUE', due_at, 'PENDING', NULL FROM case_routing`);
  await dataSource.query('VACUUM ANALYZE case_routing');
  await dataSource.query('VACUUM ANALYZE sla_deadline');
  const seedMs = Date.now() - seedStarted;
  const sizes = (
    await dataSource.query(`SELECT
      (SELECT count(*) FROM sla_deadline WHERE state = 'PENDING')::int AS pending_deadlines,
      pg_total_relation_size('sla_deadline') AS deadline_bytes,
      pg_relation_size('sla_deadline_pending_idx') AS pending_index_bytes,
      pg_total_relation_size('case_routing') AS routing_bytes`)
  )[0];
  log(`seeded in ${seedMs} ms: ${JSON.stringify(sizes)}`);

  // What a replica holds: the unit of work (its outbox relay is not what is measured) and the timer.
  const uow = new UnitOfWork(dataSource, busOptionsOf(ROUTING, config), { kick: () => undefined });
  const timer = new DeadlineTimer(uow, new SlaDeadlineRepository(), config);

  backends.renice();
  const rounds = [];
  for (const due of ROUNDS) {
    const RUNS = runsOf(due);
    const times = [];
    const processCpu = [];
    const databaseCpu = [];
    let fired = 0;
    for (let run = 0; run <= RUNS; run++) {
      if (due > 0) {
        await dataSource.query(
          `UPDATE sla_deadline SET due_at = now() - interval '1 second'
            WHERE (case_id, kind) IN (SELECT case_id, kind FROM sla_deadline
                                       WHERE state = 'PENDING' AND due_at > now()
                                       ORDER BY due_at LIMIT $1)`,
          [due],
        );
      }
      await dataSource.query('DELETE FROM outbox');
      const cpu = process.cpuUsage();
      const db = backends.cpuMs();
      const started = performance.now();
      const count = await timer.scan();
      const ms = performance.now() - started;
      if (run === 0) {
        continue; // untimed
      }
      const used = process.cpuUsage(cpu);
      processCpu.push((used.user + used.system) / 1000);
      databaseCpu.push(backends.cpuMs() - db);
      times.push(ms);
      fired += count;
    }
    const totalCpu = processCpu.map((ms, i) => ms + databaseCpu[i]).sort((a, b) => a - b);
    const mean = (values) => values.reduce((a, b) => a + b, 0) / values.length;
    times.sort((a, b) => a - b);
    const row = {
      due,
      runs: RUNS,
      firedPerRound: fired / RUNS,
      p50Ms: round1(percentile(times, 50)),
      p95Ms: round1(percentile(times, 95)),
      p99Ms: round1(percentile(times, 99)),
      maxMs: round1(times[times.length - 1]),
      cpuPerRoundMs: {
        process: round1(mean(processCpu)),
        database: round1(mean(databaseCpu)),
        // Process and database together, per round.
        p50: round1(percentile(totalCpu, 50)),
        p95: round1(percentile(totalCpu, 95)),
        p99: round1(percentile(totalCpu, 99)),
        max: round1(totalCpu[totalCpu.length - 1]),
      },
      deadlinesPerSecond: due > 0 ? Math.round((due * 1000) / percentile(times, 50)) : null,
    };
    rounds.push(row);
    log(
      `${due} due, ${RUNS} rounds: p50 ${row.p50Ms} ms, p95 ${row.p95Ms} ms, p99 ${row.p99Ms} ms, max ${row.maxMs} ms; ` +
        `CPU per round ${row.cpuPerRoundMs.process} ms here + ${row.cpuPerRoundMs.database} ms Postgres on average, ` +
        `p50/p95/p99 ${row.cpuPerRoundMs.p50}/${row.cpuPerRoundMs.p95}/${row.cpuPerRoundMs.p99} ms`,
    );
  }
  result = {
    date: new Date().toISOString(),
    openCases: CASES,
    targetMs: TARGET_MS,
    machine: {
      ...machine(),
      postgres: (await dataSource.query('SHOW server_version'))[0].server_version,
    },
    calibration: calibration.finish(),
    seedMs,
    sizes,
    rounds,
    memoryMiB: Math.round(process.memoryUsage().rss / 2 ** 20),
    overTarget: rounds.filter((r) => r.p95Ms > TARGET_MS).map((r) => r.due),
    // What a round costs is judged on CPU too: wall time on a shared machine includes waiting.
    cpuOverTarget: rounds.filter((r) => r.cpuPerRoundMs.p95 > TARGET_MS).map((r) => r.due),
  };
} finally {
  await dataSource.destroy();
  if (!KEEP) {
    await admin.query(`DROP DATABASE IF EXISTS ${DATABASE}`);
  } else {
    log(`kept database ${DATABASE}`);
  }
  await admin.end();
}
writeResult('escalation', LABEL, result);
