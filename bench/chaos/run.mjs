// Chaos run: `npm run bench:chaos` (builds first). Issue 12, target 7 (docs/adr/0077): the whole
// platform on a Postgres and a nats-server of the run's own (never the machine's shared ones), under
// a steady load of submissions through the gateway (GraphQL and Open311 POST, each with its
// reporter's e-mail address), while it SIGKILLs cases, citizens, routing, analytics, intake and the
// gateway in turn, restarts the nats-server and stops Postgres with a fast shutdown and starts it
// again; afterwards it reads each service's own records and checks that every acknowledged ticket is
// exactly one case, routed once, counted once and its reporter told once, and that the dead-letter
// stream holds only the poison it published. Prints what it did and what it found, exits 1 when it
// found loss, duplication or a real dead letter. The code is tools/src/chaos (runChaos), which
// e2e/chaos.e2e-spec.ts runs shorter in CI.
// Environment: CHAOS_RATE (6 submissions/s: what this loaded 2-core machine answers
// with every fault; at 15/s most submissions time out, which measures overload, not faults), CHAOS_DOWN_MS (3000: how long each thing stays
// down), CHAOS_GAP_MS (25000: from one fault to the next; the next begins even if a killed service
// is still coming back), CHAOS_ROUNDS (1: every fault this many times), CHAOS_SETTLE_MS (180000),
// CHAOS_KEEP=1 (keep the run's directory: Postgres data, NATS store, e-mails, and every process's
// stdout and stderr in logs/<name>.log, printed last), BENCH_LABEL.
// Calibration (bench/lib): `uptime` and the CPU loop, before and after (no pgbench: the shared
// Postgres is not what this run uses).
import { describeChaosReport, runChaos } from '@civitas/tools';
import { calibrate, log, machine, writeResult } from '../lib/harness.mjs';

const env = process.env;
const options = {
  ratePerSecond: Number(env.CHAOS_RATE ?? 6),
  downMs: Number(env.CHAOS_DOWN_MS ?? 3000),
  gapMs: Number(env.CHAOS_GAP_MS ?? 25_000),
  rounds: Number(env.CHAOS_ROUNDS ?? 1),
  settleTimeoutMs: Number(env.CHAOS_SETTLE_MS ?? 180_000),
  poisonMessages: 4,
  keepDir: env.CHAOS_KEEP === '1',
  log,
};

const calibration = calibrate();
const report = await runChaos(options);
for (const line of describeChaosReport(report)) {
  console.log(line);
}
if (report.logDir) {
  // Last, to be found: every process's whole stdout and stderr, stack traces included.
  console.log(`every process's output (CHAOS_KEEP=1): ${report.logDir}/<name>.log`);
}
writeResult('chaos', env.BENCH_LABEL ?? '', {
  bench: 'chaos',
  date: report.startedAt,
  machine: machine(),
  calibration: calibration.finish(),
  ...report,
});
process.exitCode = report.ok ? 0 : 1;
