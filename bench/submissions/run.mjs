// Submissions benchmark: `npm run bench:submissions` (builds first). Issue 12, targets 1 and 4:
// >= 300 submissions/s sustained through the gateway with p99 < 100 ms, a submitted report visible
// to `caseByTicket` as a routed case within p50 50 ms / p99 250 ms, CPU per submission per
// process, and under 3x overload a quick 503 with Retry-After (ADR 0075) and nothing acknowledged
// lost. It starts the whole built platform (the five services and the gateway, each a process; a
// nats-server of its own unless BENCH_OWN_NATS=0, so its CPU is this run's alone) on this
// machine's Postgres, in databases and a bus namespace of its own, then sends submissions OPEN
// LOOP (on a fixed schedule, whatever the answers; latency counted from the scheduled time, so a
// slow answer cannot hide the ones queued behind it) at each rate of BENCH_RATES, alternating
// GraphQL `submitServiceRequest` (anonymous, WEB) and Open311 `POST requests.json` (an API key),
// each step BENCH_WARMUP_SECONDS untimed then BENCH_SECONDS measured. Per step it prints and
// writes: the rate achieved, statuses, submit latency p50/p95/p99/max (overall and per protocol),
// submit -> routed latency for a sample of tickets (each polled with `caseByTicket` through the
// gateway, every BENCH_POLL_MS and then every tenth of the wait so far, until it has a
// department), CPU ms per submission of each process (gateway, each service, each service's
// Postgres backends, nats-server, this client) from /proc
// over the measured window, resident memory, and how many acknowledged tickets were not yet routed
// at the step's end (the platform falling behind); between steps it waits for every case to be
// routed. Then an overload step at BENCH_OVERLOAD (3) x the last rate: refused (503) latency
// p50/p99, whether each refusal carried Retry-After, admitted latency. At the end every
// acknowledged ticket must be exactly one case in cases' database, routed (waits up to
// BENCH_CATCH_UP_SECONDS for it). Calibration (bench/lib): `uptime`, a fixed CPU loop and
// `pgbench -S`, before and after.
// Writes bench/submissions/results/<date>[-<label>].json.
// Environment: DATABASE_URL, NATS_URL (with BENCH_OWN_NATS=0), BENCH_RATES (25,50,100,200,300),
// BENCH_SECONDS (20; 60 for the target's "sustained for 60 s"), BENCH_WARMUP_SECONDS (3),
// BENCH_OVERLOAD (3; 0 skips the step), BENCH_OVERLOAD_SECONDS (10), BENCH_ROUTED_SAMPLE (0.02 of
// submissions), BENCH_POLL_MS (10), BENCH_CATCH_UP_SECONDS (120), BENCH_LABEL, BENCH_PGBENCH=0,
// BENCH_IDLE_SECONDS (5: the platform's CPU while idle, measured first), BENCH_KEEP=1 (keep the
// databases).
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from '@nats-io/transport-node';
import pg from 'pg';
import { deleteNamespaceStreams } from '@civitas/testing';
import { BACKEND_SERVICES, launchPlatform, signDevToken } from '@civitas/tools';
import {
  calibrate,
  cpuMsPer,
  DATABASE_URL,
  LABEL,
  log,
  machine,
  NATS_URL,
  natsServerPid,
  percentile,
  platformCpuMs,
  platformUsage,
  round1,
  writeResult,
} from '../lib/harness.mjs';

const env = process.env;
const RATES = (env.BENCH_RATES ?? '25,50,100,200,300').split(',').map(Number);
const SECONDS = Number(env.BENCH_SECONDS ?? 20);
const WARMUP_SECONDS = Number(env.BENCH_WARMUP_SECONDS ?? 3);
const OVERLOAD = Number(env.BENCH_OVERLOAD ?? 3);
const OVERLOAD_SECONDS = Number(env.BENCH_OVERLOAD_SECONDS ?? 10);
const SAMPLE = Number(env.BENCH_ROUTED_SAMPLE ?? 0.02);
const POLL_MS = Number(env.BENCH_POLL_MS ?? 10);
const CATCH_UP_SECONDS = Number(env.BENCH_CATCH_UP_SECONDS ?? 120);
const IDLE_SECONDS = Number(env.BENCH_IDLE_SECONDS ?? 5);
const OWN_NATS = env.BENCH_OWN_NATS !== '0';
const PREFIX = `civitas_bench_subs_${Date.now().toString(36)}`;
const NAMESPACE = PREFIX.replace(/_/g, '-');
const PROCESSES = ['gateway', ...BACKEND_SERVICES];
/** Services whose reports go to different departments; none of their texts reads as an emergency. */
const SERVICES = [
  'pothole',
  'streetlight-out',
  'graffiti',
  'missed-collection',
  'tree-down',
  'sidewalk-repair',
  'traffic-signal',
  'noise-residential',
];
/** Reporters come from a pool, so most are residents citizens already knows, as in real traffic. */
const REPORTERS = 2000;

const SUBMIT = `mutation Submit($input: SubmitServiceRequestInput!) {
  submitServiceRequest(input: $input) { ticketNumber } }`;
const TRACK = `query Track($t: String!) { caseByTicket(ticketNumber: $t) { status department { code } } }`;

// Enough sockets for every request in flight at 3x overload; the gateway's admission limit, not
// the client, decides what waits.
const agent = new Agent({ keepAlive: true, maxSockets: 2048 });

/** One request; resolves with its status, body (first 4 KB) and Retry-After. Never rejects. */
function send(base, method, path, headers, body) {
  const url = new URL(base);
  return new Promise((resolve) => {
    const outgoing = request(
      { host: url.hostname, port: url.port, method, path, headers, agent },
      (res) => {
        const chunks = [];
        let bytes = 0;
        res.on('data', (c) => {
          bytes += c.length;
          if (bytes <= 4096) {
            chunks.push(c);
          }
        });
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString('utf8'),
            retryAfter: res.headers['retry-after'],
          }),
        );
        res.on('error', (error) => resolve({ status: 0, body: String(error) }));
      },
    );
    outgoing.setTimeout(30_000, () => outgoing.destroy(new Error('no answer in 30 s')));
    outgoing.on('error', (error) => resolve({ status: 0, body: String(error) }));
    outgoing.end(body);
  });
}

const graphqlPost = (base, query, variables) =>
  send(
    base,
    'POST',
    '/graphql',
    { 'content-type': 'application/json' },
    JSON.stringify({ query, variables }),
  );

/** The report numbered `i`: a service, a place in New York, a reporter from the pool. */
function report(i) {
  const service = SERVICES[i % SERVICES.length];
  // A low-discrepancy walk over a 30 x 40 km box: no two reports of a service within the
  // duplicate radius by accident.
  const latitude = 40.55 + ((i * 0.6180339887) % 1) * 0.3;
  const longitude = -74.15 + ((i * 0.7548776662) % 1) * 0.4;
  const who = i % REPORTERS;
  return {
    service,
    description: `Bench report ${i}: ${service.replace('-', ' ')} near the corner, please look`,
    latitude: Number(latitude.toFixed(6)),
    longitude: Number(longitude.toFixed(6)),
    address: `${100 + (i % 900)} Bench Street`,
    email: `resident-${who}@bench.example`,
    firstName: `Res${who}`,
    lastName: 'Bench',
  };
}

function submitGraphql(base, i) {
  const r = report(i);
  return graphqlPost(base, SUBMIT, {
    input: {
      serviceCode: r.service,
      description: r.description,
      channel: 'WEB',
      location: { latitude: r.latitude, longitude: r.longitude, address: r.address },
      reporter: { firstName: r.firstName, lastName: r.lastName, email: r.email },
    },
  }).then((res) => {
    let ticket = null;
    if (res.status === 200) {
      try {
        ticket = JSON.parse(res.body).data?.submitServiceRequest?.ticketNumber ?? null;
      } catch {
        // not JSON: counted as an error below
      }
    }
    return { ...res, ticket };
  });
}

function submitOpen311(base, i, apiKey) {
  const r = report(i);
  const form = new URLSearchParams({
    api_key: apiKey,
    service_code: r.service,
    description: r.description,
    lat: String(r.latitude),
    long: String(r.longitude),
    address_string: r.address,
    email: r.email,
    first_name: r.firstName,
    last_name: r.lastName,
  }).toString();
  return send(
    base,
    'POST',
    '/open311/v2/requests.json',
    { 'content-type': 'application/x-www-form-urlencoded' },
    form,
  ).then((res) => {
    let ticket = null;
    if (res.status === 200 || res.status === 201) {
      try {
        ticket = JSON.parse(res.body)[0]?.service_request_id ?? null;
      } catch {
        // not JSON: counted as an error below
      }
    }
    return { ...res, ticket };
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Polls `caseByTicket` until the case has a department; answers the ms from `sentAt`, or null.
 * Every BENCH_POLL_MS at first, then every tenth of the time waited so far: a slow platform is not
 * made slower by the polls themselves (at a fixed 10 ms, tickets taking seconds to route were
 * polled hundreds of times a second, more than the submissions), and the figure stays within 10%.
 */
async function routedAfter(base, ticket, sentAt, deadlineMs) {
  for (;;) {
    const res = await graphqlPost(base, TRACK, { t: ticket });
    if (res.status === 200) {
      try {
        if (JSON.parse(res.body).data?.caseByTicket?.department) {
          return performance.now() - sentAt;
        }
      } catch {
        // try again
      }
    }
    const waited = performance.now() - sentAt;
    if (waited > deadlineMs) {
      return null;
    }
    await sleep(Math.max(POLL_MS, waited / 10));
  }
}

const sorted = (xs) => [...xs].sort((a, b) => a - b);
const summary = (xs) => {
  const s = sorted(xs);
  return {
    n: s.length,
    p50: round1(percentile(s, 50)),
    p95: round1(percentile(s, 95)),
    p99: round1(percentile(s, 99)),
    max: round1(s.at(-1) ?? null),
  };
};

const calibration = calibrate({ databaseUrl: DATABASE_URL });
const dataDir = mkdtempSync(join(tmpdir(), 'civitas-bench-subs-'));
log(`starting the platform (${PREFIX}, ${OWN_NATS ? 'a nats-server of its own' : NATS_URL})`);
const platform = await launchPlatform({
  dataDir,
  databaseUrl: DATABASE_URL,
  ...(OWN_NATS ? { ownNats: true } : { natsUrl: NATS_URL }),
  databasePrefix: PREFIX,
  busNamespace: NAMESPACE,
  ports: { gateway: 0, intake: 0, cases: 0, citizens: 0, routing: 0, analytics: 0 },
  quiet: true,
  ephemeralSecrets: true,
  nodeEnv: 'test',
  logLevel: 'warn',
  // One client address sends everything: the per-client rate limits (ADR 0044) out of the way;
  // the admission limit (ADR 0075) stays as configured.
  extraEnv: { RATE_LIMIT_MAX: '100000000' },
});

const dbUrl = (service) => {
  const u = new URL(platform.databaseUrl);
  u.pathname = `/${PREFIX}_${service}`;
  return u.toString();
};
const casesDb = new pg.Client({ connectionString: dbUrl('cases') });
/** Each process, each database's backends, NATS and this client. */
const usage = platformUsage({
  platform,
  processes: PROCESSES,
  databases: BACKEND_SERVICES,
  databasePrefix: PREFIX,
  natsPid: natsServerPid(OWN_NATS ? dataDir : undefined),
  natsName: OWN_NATS ? 'nats-server' : 'nats-server (shared)',
  selfName: 'bench client',
});
const perSubmission = (from, to, n) => cpuMsPer(from, to, n, 2);
/** The platform's CPU per submission: every process but the client (and a shared NATS). */
const platformTotal = (perSub) => platformCpuMs(perSub, 2, ['bench client']);

const acknowledged = new Set();
let sequence = 0;

async function routedCount() {
  return Number(
    (
      await casesDb.query(
        'SELECT count(*) AS n FROM service_case WHERE routed_at IS NOT NULL AND ticket_number = ANY($1)',
        [[...acknowledged]],
      )
    ).rows[0].n,
  );
}

/** Waits until every acknowledged ticket is a routed case; answers the seconds it took, or null. */
async function catchUp(limitSeconds) {
  const started = Date.now();
  while (Date.now() - started < limitSeconds * 1000) {
    if ((await routedCount()) >= acknowledged.size) {
      return round1((Date.now() - started) / 1000);
    }
    await sleep(250);
  }
  return null;
}

/**
 * Sends `rate` submissions a second for `seconds` on a fixed schedule, alternating the protocols,
 * polling a sample for routing when `measure`. Answers what it saw.
 */
async function openLoop(base, apiKey, rate, seconds, measure) {
  const total = Math.round(rate * seconds);
  const interval = 1000 / rate;
  const outcomes = [];
  const routed = [];
  const pending = [];
  const statuses = {};
  const errors = [];
  let lagMax = 0;
  const started = performance.now();
  let k = 0;
  while (k < total) {
    const now = performance.now();
    while (k < total && started + k * interval <= now) {
      const scheduled = started + k * interval;
      lagMax = Math.max(lagMax, now - scheduled);
      const i = sequence++;
      const protocol = i % 2 === 0 ? 'graphql' : 'open311';
      const sampled = measure && Math.random() < SAMPLE;
      pending.push(
        (protocol === 'graphql' ? submitGraphql(base, i) : submitOpen311(base, i, apiKey)).then(
          async (res) => {
            const ms = performance.now() - scheduled;
            statuses[`${protocol} ${res.status}`] =
              (statuses[`${protocol} ${res.status}`] ?? 0) + 1;
            if (res.ticket) {
              acknowledged.add(res.ticket);
            } else if (res.status !== 503 && errors.length < 5) {
              errors.push(`${protocol} ${res.status}: ${res.body.slice(0, 300)}`);
            }
            outcomes.push({
              protocol,
              status: res.status,
              ms,
              ok: Boolean(res.ticket),
              retryAfter: res.retryAfter,
            });
            if (sampled && res.ticket) {
              routed.push(await routedAfter(base, res.ticket, scheduled, 30_000));
            }
          },
        ),
      );
      k++;
    }
    await sleep(Math.max(1, Math.min(5, started + k * interval - performance.now())));
  }
  const sendSeconds = (performance.now() - started) / 1000;
  await Promise.all(pending);
  return { outcomes, routed, statuses, errors, sendSeconds, lagMaxMs: round1(lagMax) };
}

async function step(base, apiKey, rate, seconds, warmupSeconds = WARMUP_SECONDS) {
  log(`step ${rate}/s: ${warmupSeconds} s warm-up, then ${seconds} s`);
  if (warmupSeconds > 0) {
    const warm = await openLoop(base, apiKey, rate, warmupSeconds, false);
    if (warm.errors.length) {
      log(`errors while warming up: ${warm.errors.join(' | ')}`);
    }
  }
  const cpuStart = usage.cpuMs();
  const windowStart = performance.now();
  const run = await openLoop(base, apiKey, rate, seconds, true);
  const windowSeconds = (performance.now() - windowStart) / 1000;
  const cpuEnd = usage.cpuMs();
  const rss = usage.rssMiB();
  const ok = run.outcomes.filter((o) => o.ok);
  const shed = run.outcomes.filter((o) => o.status === 503);
  const notYetRouted = acknowledged.size - (await routedCount());
  const cpuMsPerSubmission = perSubmission(cpuStart, cpuEnd, ok.length);
  const row = {
    rate,
    seconds,
    sent: run.outcomes.length,
    acknowledged: ok.length,
    refused503: shed.length,
    errors: run.outcomes.length - ok.length - shed.length,
    achievedPerSecond: round1(ok.length / windowSeconds),
    schedulerLagMaxMs: run.lagMaxMs,
    statuses: run.statuses,
    submitMs: summary(ok.map((o) => o.ms)),
    submitMsByProtocol: {
      graphql: summary(ok.filter((o) => o.protocol === 'graphql').map((o) => o.ms)),
      open311: summary(ok.filter((o) => o.protocol === 'open311').map((o) => o.ms)),
    },
    refusedMs: summary(shed.map((o) => o.ms)),
    refusedWithRetryAfter: shed.filter((o) => o.retryAfter !== undefined).length,
    submitToRoutedMs: summary(run.routed.filter((ms) => ms !== null)),
    sampledNeverRouted: run.routed.filter((ms) => ms === null).length,
    notYetRoutedAtEnd: notYetRouted,
    cpuMsPerSubmission,
    platformCpuMsPerSubmission: platformTotal(cpuMsPerSubmission),
    rssMiB: rss,
    firstErrors: run.errors,
  };
  log(
    `${rate}/s: ${row.achievedPerSecond}/s acknowledged, ${row.refused503} refused (p50 ${row.refusedMs.p50} p99 ${row.refusedMs.p99} ms), ${row.errors} errors; ` +
      `submit p50 ${row.submitMs.p50} p99 ${row.submitMs.p99} max ${row.submitMs.max} ms; ` +
      `routed (${row.submitToRoutedMs.n}) p50 ${row.submitToRoutedMs.p50} p99 ${row.submitToRoutedMs.p99} ms; ` +
      `${notYetRouted} not yet routed; platform CPU ${row.platformCpuMsPerSubmission} ms/submission ` +
      JSON.stringify(cpuMsPerSubmission),
  );
  if (run.errors.length) {
    log(`errors: ${run.errors.join(' | ')}`);
  }
  row.catchUpSeconds = await catchUp(CATCH_UP_SECONDS);
  return row;
}

const steps = [];
let idleCpuMsPerSecond = null;
let overload = null;
let accounting = null;
const backendTimer = setInterval(() => {
  usage.seeBackends();
}, 1000);
try {
  await casesDb.connect();
  const base = platform.baseUrl('gateway');
  const admin = await signDevToken(
    { sub: 'bench-subs-admin', roles: ['admin'], departments: [], expiresIn: '8h' },
    platform.secrets.AUTH_DEV_SIGNING_KEY,
  );
  const created = await send(
    base,
    'POST',
    '/graphql',
    { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
    JSON.stringify({
      query: 'mutation K($n: String!) { createApiKey(input: { name: $n }) { key } }',
      variables: { n: 'submissions bench' },
    }),
  );
  const apiKey = JSON.parse(created.body).data?.createApiKey?.key;
  if (!apiKey) {
    throw new Error(`no API key: ${created.status} ${created.body}`);
  }
  // What the platform spends doing nothing (timers, polling loops), to read small rates by.
  await sleep(2000);
  const idleFrom = usage.cpuMs();
  await sleep(IDLE_SECONDS * 1000);
  const idleTo = usage.cpuMs();
  idleCpuMsPerSecond = perSubmission(idleFrom, idleTo, IDLE_SECONDS);
  log(`idle CPU ms per second: ${JSON.stringify(idleCpuMsPerSecond)}`);
  for (const rate of RATES) {
    steps.push(await step(base, apiKey, rate, SECONDS));
  }
  if (OVERLOAD > 0) {
    const rate = RATES.at(-1) * OVERLOAD;
    log(`overload: ${rate}/s for ${OVERLOAD_SECONDS} s`);
    // No warm-up: the overload starts at once, as a surge does.
    overload = await step(base, apiKey, rate, OVERLOAD_SECONDS, 0);
    steps.push({ ...overload, overload: true });
  }
  log(`waiting for every acknowledged ticket to be a routed case (${acknowledged.size})`);
  const waited = await catchUp(CATCH_UP_SECONDS);
  const tickets = [...acknowledged];
  const counts = (
    await casesDb.query(
      `SELECT count(*) AS cases, count(DISTINCT ticket_number) AS tickets,
              count(*) FILTER (WHERE routed_at IS NOT NULL) AS routed
       FROM service_case WHERE ticket_number = ANY($1)`,
      [tickets],
    )
  ).rows[0];
  accounting = {
    acknowledged: tickets.length,
    cases: Number(counts.cases),
    distinctTickets: Number(counts.tickets),
    routed: Number(counts.routed),
    waitedSeconds: waited,
  };
  accounting.everyAcknowledgedIsOneRoutedCase =
    accounting.cases === tickets.length &&
    accounting.distinctTickets === tickets.length &&
    accounting.routed === tickets.length;
  log(`accounting: ${JSON.stringify(accounting)}`);
} finally {
  clearInterval(backendTimer);
  agent.destroy();
  await casesDb.end().catch(() => undefined);
  await platform.stop();
  if (env.BENCH_KEEP !== '1') {
    const admin = new pg.Client({ connectionString: DATABASE_URL });
    await admin.connect();
    for (const service of BACKEND_SERVICES) {
      await admin.query(`DROP DATABASE IF EXISTS "${PREFIX}_${service}" WITH (FORCE)`);
    }
    await admin.end();
    if (!OWN_NATS) {
      const nc = await connect({ servers: NATS_URL });
      await deleteNamespaceStreams(nc, NAMESPACE);
      await nc.close();
    }
  }
  rmSync(dataDir, { recursive: true, force: true });
}

const result = {
  benchmark: 'live submissions through the gateway, open loop, GraphQL and Open311 alternated',
  date: new Date().toISOString(),
  settings: {
    rates: RATES,
    seconds: SECONDS,
    warmupSeconds: WARMUP_SECONDS,
    overload: OVERLOAD,
    overloadSeconds: OVERLOAD_SECONDS,
    routedSample: SAMPLE,
    pollMs: POLL_MS,
    ownNats: OWN_NATS,
    reporters: REPORTERS,
  },
  targets: {
    rate: 300,
    submitP99Ms: 100,
    routedP50Ms: 50,
    routedP99Ms: 250,
    refusedWithinMs: 50,
  },
  machine: machine(),
  calibration: calibration.finish(),
  idleCpuMsPerSecond,
  steps,
  overload,
  accounting,
};
writeResult('submissions', LABEL, result);
