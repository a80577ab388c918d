import { randomBytes } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { chmod, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jetstream } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { Role, SubmissionAccepted } from '@civitas/contracts';
import { BusNaming, createEnvelope } from '@civitas/messaging';
import {
  BACKEND_SERVICES,
  launchPlatform,
  type PlatformHandle,
  type ProcessName,
} from '../platform/launch-platform.js';
import { sleep } from '../platform/net.js';
import { signDevToken } from '../token/dev-token.js';
import {
  gatherEvidence,
  isPoison,
  judgeDeadLetters,
  judgeTickets,
  POISON_MARK,
  readDeadLetters,
  rollupAgainstFacts,
  type DatabaseUrlOf,
  type Finding,
  type TicketFindingKind,
} from './chaos-audit.js';
import { OwnNats, OwnPostgres, type RestartableServer } from './own-infrastructure.js';
import { describeFaultRecord } from './chaos-report.js';
import { SteadyLoad, type LoadSummary } from './steady-load.js';

/** What the run does to the platform, in this order, once each per round. */
export type ChaosFault =
  | { kind: 'sigkill'; target: ProcessName }
  | { kind: 'nats-restart' }
  | { kind: 'postgres-fast-shutdown' };

/**
 * Intake and the gateway last: while the others are down reports are still acknowledged (ADR
 * 0069), and those are the ones that must catch up once they return.
 */
export const ALL_FAULTS: readonly ChaosFault[] = [
  ...(['cases', 'citizens', 'routing', 'analytics', 'intake', 'gateway'] as const).map(
    (target): ChaosFault => ({ kind: 'sigkill', target }),
  ),
  { kind: 'nats-restart' },
  { kind: 'postgres-fast-shutdown' },
];

export interface ChaosOptions {
  /** Submissions a second through the gateway, half GraphQL, half Open311 POST. */
  ratePerSecond: number;
  /** How long each killed service, NATS or Postgres stays down before it is started again. */
  downMs: number;
  /** Steady load before the first fault, between faults and after the last. */
  gapMs: number;
  /** Each fault this many times, in the order of ALL_FAULTS. Default 1. */
  rounds?: number;
  /** How long the platform may take, after the load, to bring every ticket to its end. */
  settleTimeoutMs: number;
  /** Poison messages published (half before the faults, half after NATS's restart). Default 2. */
  poisonMessages?: number;
  /** Progress lines (what the run does, as it does it). */
  log?: (line: string) => void;
  /** Keep the run's directory (Postgres, NATS store, e-mails) for a look afterwards. */
  keepDir?: boolean;
  /** Monorepo root; found from this file when omitted. */
  rootDir?: string;
}

export interface FaultRecord {
  fault: string;
  /** Seconds since the load began. */
  atS: number;
  /** How long stopping took (a fast shutdown takes a moment; a SIGKILL does not). */
  stopMs: number;
  /** From the fault until the thing was started again. */
  downMs: number;
  /** From starting it again until it answered (ready, or accepting connections). */
  restartMs: number;
  /** Submissions acknowledged from the fault until the thing was back. */
  acknowledgedMeanwhile: number;
  error?: string;
}

export interface ChaosReport {
  startedAt: string;
  options: Omit<ChaosOptions, 'log' | 'rootDir'>;
  loadSeconds: number;
  load: LoadSummary;
  faults: FaultRecord[];
  /**
   * Submissions intake holds whose client got no ticket (refused, e.g. when the gateway's time
   * budget ran out after intake committed, or no answer): owed a case all the same, and checked.
   */
  acceptedWithoutAcknowledgement: number;
  ticketsChecked: number;
  /** From the end of the load until every ticket was where it should be (or the time ran out). */
  settleMs: number;
  settled: boolean;
  deadLetters: { total: number; poison: number; poisonPublished: number };
  notifications: { receiptsSent: number; mailsWritten: number };
  findings: Finding[];
  /** Warnings and errors the platform's processes logged, by process and message, most first. */
  warnings: { process: string; msg: string; count: number }[];
  /** With `keepDir`: where each process's whole output was written (`<name>.log`). */
  logDir?: string;
  /** No loss, no duplicate, only poison in the dead letters. */
  ok: boolean;
}

/** Kinds that mean "not there yet" while the platform catches up, rather than "done twice". */
const STILL_COMING: readonly TicketFindingKind[] = [
  'no case',
  'not routed',
  'not counted',
  'reporter not told it was received',
  'receipt queued but not sent',
];

const NAMESPACE = 'chaos';
const DATABASE_PREFIX = 'chaos';

export function describeFault(fault: ChaosFault): string {
  switch (fault.kind) {
    case 'sigkill':
      return `SIGKILL ${fault.target}`;
    case 'nats-restart':
      return 'restart nats-server';
    case 'postgres-fast-shutdown':
      return 'Postgres fast shutdown';
  }
}

/**
 * Issue 12, target 7 (docs/adr/0077): the whole platform on a Postgres and a nats-server of the
 * run's own, under a steady load of submissions with e-mail contacts, while each service is killed
 * with SIGKILL in turn, NATS is restarted and Postgres is stopped with a fast shutdown and started
 * again; then every ticket is checked in each service's own records (one case, routed once,
 * counted once, its reporter told once) and the dead-letter stream must hold only the poison the
 * run published. Used by `npm run bench:chaos` and, shorter, by e2e/chaos.e2e-spec.ts.
 */
export async function runChaos(options: ChaosOptions): Promise<ChaosReport> {
  const log = options.log ?? (() => undefined);
  const startedAt = new Date().toISOString();
  const runDir = await mkdtemp(join(tmpdir(), 'civitas-chaos-'));
  // Run as root, Postgres runs as the postgres user, which must pass through to its data.
  await chmod(runDir, 0o711);
  const mailDir = join(runDir, 'mail');
  // Every process's output in full, one file each: a bad run's stack traces are read there.
  const logDir = join(runDir, 'logs');
  await mkdir(logDir);
  const infraLogs = new Map<string, WriteStream>();
  const infraLines: string[] = [];
  const keep = (name: string, line: string) => {
    let file = infraLogs.get(name);
    if (!file) {
      file = createWriteStream(join(logDir, `${name}.log`), { flags: 'a' });
      infraLogs.set(name, file);
    }
    file.write(`${line}\n`);
    infraLines.push(`${name} ${line}`);
    if (infraLines.length > 500) {
      infraLines.shift();
    }
  };
  let postgres: OwnPostgres | undefined;
  let nats: OwnNats | undefined;
  let platform: PlatformHandle | undefined;
  let load: SteadyLoad | undefined;
  try {
    postgres = await OwnPostgres.start(join(runDir, 'postgres'), keep);
    nats = await OwnNats.start(join(runDir, 'nats'), keep);
    log(`own Postgres at ${new URL(postgres.url).port}, own nats-server at ${nats.url}`);
    const started = performance.now();
    platform = await launchPlatform({
      rootDir: options.rootDir,
      dataDir: join(runDir, 'platform'),
      databaseUrl: postgres.url,
      natsUrl: nats.url,
      busNamespace: NAMESPACE,
      databasePrefix: DATABASE_PREFIX,
      ports: { gateway: 0, intake: 0, cases: 0, citizens: 0, routing: 0, analytics: 0 },
      quiet: true,
      logDir,
      ephemeralSecrets: true,
      nodeEnv: 'test',
      logLevel: 'warn',
      extraEnv: {
        // One client sends everything: the limits per address are not what is tested here.
        RATE_LIMIT_MAX: '1000000',
        RATE_LIMIT_AUTH_FAILURES_MAX: '1000000',
        RATE_LIMIT_STRICT_MAX: '1000000',
        NOTIFY_OUTBOX_DIR: mailDir,
        NOTIFY_POLL_MS: '250',
      },
    });
    log(`platform up in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    const databaseUrlOf: DatabaseUrlOf = (service) =>
      postgres!.databaseUrl(`${DATABASE_PREFIX}_${service}`);

    const apiKey = await createApiKey(platform);
    const runId = randomBytes(4).toString('hex');
    load = new SteadyLoad({
      gatewayBaseUrl: platform.baseUrl('gateway'),
      apiKey,
      ratePerSecond: options.ratePerSecond,
      runId,
    });
    const poisonTotal = options.poisonMessages ?? 2;
    let poisonPublished = await publishPoison(nats.url, Math.ceil(poisonTotal / 2), runId, 0);

    const loadBegan = performance.now();
    const since = () => Math.round((performance.now() - loadBegan) / 100) / 10;
    load.start();
    log(`steady load: ${options.ratePerSecond} submissions/s (GraphQL and Open311 POST)`);
    await sleep(options.gapMs);

    // Each fault begins gapMs after the one before; a killed service is started again in the
    // background, so on a slow machine several may be coming back at once. NATS and Postgres are
    // taken away only once every service is back, so what each of those faults did stays clear.
    const faults: FaultRecord[] = [];
    const restarts: Promise<void>[] = [];
    const infrastructure: Record<'nats' | 'postgres', RestartableServer> = { nats, postgres };
    for (let round = 0; round < (options.rounds ?? 1); round++) {
      for (const fault of ALL_FAULTS) {
        if (fault.kind !== 'sigkill') {
          await Promise.all(restarts.splice(0));
        }
        const inflicted = inflict(
          fault,
          platform,
          infrastructure,
          options.downMs,
          since,
          load,
        ).then((record) => {
          faults.push(record);
          log(describeFaultRecord(record));
        });
        if (fault.kind === 'sigkill') {
          restarts.push(inflicted);
        } else {
          await inflicted;
        }
        if (fault.kind === 'nats-restart' && round === 0) {
          poisonPublished += await publishPoison(
            nats.url,
            Math.floor(poisonTotal / 2),
            runId,
            poisonPublished,
          );
        }
        await sleep(options.gapMs);
      }
    }
    await Promise.all(restarts);
    faults.sort((a, b) => a.atS - b.atS);
    await load.stop();
    const loadSeconds = Math.round((performance.now() - loadBegan) / 100) / 10;
    const summary = load.summary();
    log(
      `load stopped after ${loadSeconds} s: ${summary.sent} sent, ${summary.acknowledged} acknowledged`,
    );

    const acknowledged = load.acknowledgedTickets();
    const settleBegan = performance.now();
    let findings: Finding[] = [];
    let evidence = await gatherEvidence(databaseUrlOf, mailDir);
    let settled = false;
    for (;;) {
      findings = judgeTickets(acknowledged, evidence);
      if (!findings.some((f) => STILL_COMING.includes(f.kind as TicketFindingKind))) {
        settled = true;
        break;
      }
      if (performance.now() - settleBegan > options.settleTimeoutMs) {
        break;
      }
      await sleep(1000);
      evidence = await gatherEvidence(databaseUrlOf, mailDir);
    }
    const settleMs = Math.round(performance.now() - settleBegan);
    // Settled: a late duplicate, or a dead letter, would show by now.
    await sleep(2000);
    evidence = await gatherEvidence(databaseUrlOf, mailDir);
    const rollup = await rollupAgainstFacts(databaseUrlOf);
    const warnings = warningsOf(platform);
    // The services stop as a deployment stops them (SIGTERM): what they do on the way out counts,
    // so the dead letters are read once they have gone.
    await platform.stop();
    const deadLetters = await readDeadLetters(nats.url, NAMESPACE);
    findings = [
      ...judgeTickets(acknowledged, evidence),
      ...rollup,
      ...judgeDeadLetters(deadLetters),
    ];
    const acked = new Set(acknowledged);
    const report: ChaosReport = {
      startedAt,
      options: {
        ratePerSecond: options.ratePerSecond,
        downMs: options.downMs,
        gapMs: options.gapMs,
        rounds: options.rounds ?? 1,
        settleTimeoutMs: options.settleTimeoutMs,
        poisonMessages: poisonTotal,
        keepDir: options.keepDir,
      },
      loadSeconds,
      load: summary,
      faults,
      acceptedWithoutAcknowledgement: [...evidence]
        .filter(([ticket, e]) => e.submissions > 0 && !acked.has(ticket))
        .map(([ticket]) => ticket).length,
      ticketsChecked: new Set([...acknowledged, ...evidence.keys()]).size,
      settleMs,
      settled,
      deadLetters: {
        total: deadLetters.length,
        poison: deadLetters.filter(isPoison).length,
        poisonPublished,
      },
      notifications: {
        receiptsSent: [...evidence.values()].reduce((n, e) => n + e.receivedSent, 0),
        mailsWritten: [...evidence.values()].reduce((n, e) => n + e.mailsWritten, 0),
      },
      findings,
      warnings,
      ...(options.keepDir ? { logDir } : {}),
      ok: findings.length === 0 && faults.every((f) => !f.error),
    };
    return report;
  } catch (error) {
    log(`the run failed: ${(error as Error).message}`);
    for (const line of infraLines.slice(-20)) {
      log(`  ${line}`);
    }
    throw error;
  } finally {
    await load?.stop();
    await platform?.stop();
    await nats?.stop().catch(() => undefined);
    await postgres?.stop().catch(() => undefined);
    await Promise.all([...infraLogs.values()].map((file) => new Promise((done) => file.end(done))));
    if (options.keepDir) {
      log(`kept ${runDir}; every process's output in ${logDir}`);
    } else {
      await rm(runDir, { recursive: true, force: true });
    }
  }
}

/** Counts the warn and error entries of every process's log (JSON lines), by message. */
function warningsOf(platform: PlatformHandle): ChaosReport['warnings'] {
  const counts = new Map<string, { process: string; msg: string; count: number }>();
  for (const name of [...BACKEND_SERVICES, 'gateway' as const]) {
    for (const line of platform.logs(name)) {
      if (!line.startsWith('{')) {
        continue;
      }
      let entry: { level?: unknown; msg?: unknown; error?: { class?: unknown; code?: unknown } };
      try {
        entry = JSON.parse(line) as typeof entry;
      } catch {
        continue;
      }
      if (entry.level !== 'warn' && entry.level !== 'error') {
        continue;
      }
      const why = [entry.error?.class, entry.error?.code].filter((x) => typeof x === 'string');
      const msg = `${typeof entry.msg === 'string' ? entry.msg : JSON.stringify(entry.msg)}${why.length ? ` (${why.join(' ')})` : ''}`;
      const key = `${name} ${msg}`;
      const counted = counts.get(key) ?? { process: name, msg, count: 0 };
      counted.count++;
      counts.set(key, counted);
    }
  }
  return [...counts.values()].sort((a, b) => b.count - a.count);
}

async function inflict(
  fault: ChaosFault,
  platform: PlatformHandle,
  infrastructure: Record<'nats' | 'postgres', RestartableServer>,
  downMs: number,
  since: () => number,
  load: SteadyLoad,
): Promise<FaultRecord> {
  const atS = since();
  const ackedBefore = load.summary().acknowledged;
  const began = performance.now();
  let downFor = 0;
  let stopMs = 0;
  let restartMs = 0;
  let error: string | undefined;
  try {
    if (fault.kind === 'sigkill') {
      await platform.stopService(fault.target, 'SIGKILL');
    } else {
      await infrastructure[fault.kind === 'nats-restart' ? 'nats' : 'postgres'].stop();
    }
    stopMs = Math.round(performance.now() - began);
    await sleep(downMs);
    downFor = Math.round(performance.now() - began);
    const restarting = performance.now();
    if (fault.kind === 'sigkill') {
      await platform.startService(fault.target);
    } else {
      await infrastructure[fault.kind === 'nats-restart' ? 'nats' : 'postgres'].start();
    }
    restartMs = Math.round(performance.now() - restarting);
  } catch (thrown) {
    error = (thrown as Error).message.split('\n')[0];
  }
  return {
    fault: describeFault(fault),
    atS,
    stopMs,
    downMs: downFor,
    restartMs,
    acknowledgedMeanwhile: load.summary().acknowledged - ackedBefore,
    ...(error ? { error } : {}),
  };
}

async function createApiKey(platform: PlatformHandle): Promise<string> {
  const admin = await signDevToken(
    { sub: 'chaos-run', roles: [Role.Admin], departments: [], expiresIn: '1h' },
    platform.secrets.AUTH_DEV_SIGNING_KEY,
  );
  const response = await fetch(platform.gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
    body: JSON.stringify({
      query: 'mutation { createApiKey(input: { name: "chaos run" }) { key } }',
    }),
  });
  const body = (await response.json()) as {
    data?: { createApiKey?: { key: string } };
    errors?: unknown;
  };
  if (!body.data?.createApiKey) {
    throw new Error(`no Open311 API key: ${JSON.stringify(body.errors)}`);
  }
  return body.data.createApiKey.key;
}

/**
 * Messages that can never be applied, as a broken publisher would send them: an envelope of
 * intake's `submission-accepted` whose payload is not one. Every consumer of it must dead-letter
 * each at once, and the check tells them from real dead letters by their mark.
 */
async function publishPoison(
  natsUrl: string,
  count: number,
  runId: string,
  first: number,
): Promise<number> {
  const nc = await connect({ servers: natsUrl });
  try {
    const js = jetstream(nc);
    for (let i = first; i < first + count; i++) {
      const envelope = createEnvelope('intake', SubmissionAccepted.subject, {
        [POISON_MARK]: `${runId}-${i}`,
      });
      await js.publish(
        new BusNaming(NAMESPACE).subject(SubmissionAccepted.subject),
        JSON.stringify(envelope),
        {
          msgID: envelope.id,
        },
      );
    }
    return count;
  } finally {
    await nc.close();
  }
}
