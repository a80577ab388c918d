// Identity resolution benchmark: `npm run bench:identity` (builds first).
// Seeds BENCH_RESIDENTS (default 1,000,000) residents, pre-sealed, into a fresh citizens database
// (multi-row INSERT … SELECT unnest), starts the real citizens service on it (which applies any
// newer migration to a kept database), and sends resolve-identity requests over NATS as cases does.
// Two ways to load it:
// - closed loop (default): BENCH_CONCURRENCY requests in flight, each sent when one answers. Shows
//   the most the service does; latency then is mostly waiting (Little: in flight / throughput).
// - open loop (BENCH_RATE=n): n requests a second on a fixed schedule whatever the answers, latency
//   counted from when each was due (so a stall is not hidden by sending less): "p95 at n/s".
// Prints and writes bench/results/identity-<date>-<label>.json: throughput, p50/p95/p99 latency
// (all and per kind of request), CPU used by the service, its Postgres backends and the bench,
// memory, the machine and its load average before and after.
// Environment: DATABASE_URL, NATS_URL, BENCH_RESIDENTS, BENCH_REQUESTS (20000), BENCH_CONCURRENCY
// (32), BENCH_RATE (off), BENCH_LABEL (c<concurrency> or r<rate>), BENCH_KEEP=1 keeps the database
// for another run (it is reused when it holds the same residents), BENCH_PROFILE=<dir> runs the
// service with --cpu-prof into that folder, BENCH_MIX (e.g. email=0.5,newResident=0.5) changes the
// mix of requests, BENCH_SERVICE=<main.js> runs another build of the service (a before/after),
// BENCH_SEALED=0 sends the contact plain instead of sealed (only for a BENCH_SERVICE built before
// ADR 0023: this build takes it sealed only, docs/adr/0029),
// BENCH_SEARCHES (300, 0 for none) staff `searchCitizens` queries timed one at a time afterwards.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { encodeIdentity } from '@civitas/auth';
import { HEADER_GATEWAY_SECRET, HEADER_IDENTITY, ResolveIdentity } from '@civitas/contracts';
import { piiCipherFrom } from '@civitas/crypto';
import { BusNaming, createEnvelope } from '@civitas/messaging';
import { ensureDatabase, migrateDatabase } from '@civitas/persistence';
import { serviceDataSourceOptions } from '@civitas/service-kit';
import { CITIZENS } from '../../services/citizens/dist/database/definition.js';
import {
  blindHashFrom,
  matchTokensOf,
} from '../../services/citizens/dist/matching/blind-tokens.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const env = process.env;
const RESIDENTS = Number(env.BENCH_RESIDENTS ?? 1_000_000);
const REQUESTS = Number(env.BENCH_REQUESTS ?? 20_000);
const CONCURRENCY = Number(env.BENCH_CONCURRENCY ?? 32);
const RATE = env.BENCH_RATE ? Number(env.BENCH_RATE) : null;
// Open loop: no more than this many in flight (a bound, not a target; reaching it is reported).
const MAX_IN_FLIGHT = 2000;
const LABEL = env.BENCH_LABEL ?? (RATE ? `r${RATE}` : `c${CONCURRENCY}`);
const PROFILE_DIR = env.BENCH_PROFILE ?? null;
// Another build of the service to compare with (its main.js); this tree's by default.
const SERVICE_MAIN = env.BENCH_SERVICE ?? join(root, 'services/citizens/dist/main.js');
// The contact travels sealed, as cases sends it; BENCH_SEALED=0 sends it plain (builds before ADR 0023).
const SEALED = env.BENCH_SEALED !== '0';
// What is asked, as shares: a known resident by e-mail (written in capitals), by phone (written
// as (212) 555-0123), by name and address (given name in capitals, "St" for "Street"), and a new
// resident (a new e-mail, name and address). BENCH_MIX=email=1 sends only one kind.
const MIX = { email: 0.35, phone: 0.25, nameAndAddress: 0.2, newResident: 0.2 };
if (env.BENCH_MIX) {
  for (const key of Object.keys(MIX)) {
    MIX[key] = 0;
  }
  for (const part of env.BENCH_MIX.split(',')) {
    const [key, share] = part.split('=');
    if (!(key in MIX)) {
      throw new Error(`BENCH_MIX: unknown kind ${key} (${Object.keys(MIX).join(', ')})`);
    }
    MIX[key] = Number(share);
  }
}
const mixTotal = Object.values(MIX).reduce((a, b) => a + b, 0);
const MIX_UPTO = {
  email: MIX.email / mixTotal,
  phone: (MIX.email + MIX.phone) / mixTotal,
  nameAndAddress: (MIX.email + MIX.phone + MIX.nameAndAddress) / mixTotal,
};
const WARMUP = Math.min(1000, Math.ceil(REQUESTS / 10));
// Staff searches (`searchCitizens` over GraphQL, one at a time as an agent types them) after the
// resolutions: BENCH_SEARCHES of them, 0 for none.
const SEARCHES = Number(env.BENCH_SEARCHES ?? 300);
const KEEP = env.BENCH_KEEP === '1';
const DATABASE_URL = env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const NATS_URL = env.NATS_URL ?? 'nats://127.0.0.1:4222';
const DATABASE_NAME = `civitas_bench_identity_${RESIDENTS}`;
const NAMESPACE = `bench-identity-${Date.now().toString(36)}`;
// Fixed bench-only keys, so a kept database can be reused.
const PII_KEYS = `bench1:${Buffer.alloc(32, 21).toString('base64')}`;
const PII_HASH_KEY = Buffer.alloc(32, 22).toString('base64');
const GATEWAY_SECRET = 'bench-gateway-secret-0123456789abcdef';

const cipher = piiCipherFrom(PII_KEYS, PII_HASH_KEY);
const blindHash = blindHashFrom((kind, value) => cipher.lookupHash(kind, value));
const log = (...args) => console.log(`[${new Date().toISOString().slice(11, 19)}]`, ...args);
const loadAtStart = os.loadavg();

// --- synthetic residents (deterministic from their index) -----------------------------------
const SYLLABLES = [
  'an',
  'bel',
  'cor',
  'da',
  'el',
  'fan',
  'gor',
  'ha',
  'is',
  'jon',
  'ka',
  'lu',
  'mar',
  'ne',
  'ol',
  'pe',
  'quin',
  'ro',
  'sa',
  'tel',
  'ur',
  'vi',
  'wen',
  'xa',
  'yo',
  'zed',
];
const word = (n, parts) => {
  let s = '';
  for (let i = 0; i < parts; i += 1) {
    s += SYLLABLES[n % SYLLABLES.length];
    n = Math.floor(n / SYLLABLES.length);
  }
  return s[0].toUpperCase() + s.slice(1);
};
const FIRST = Array.from({ length: 600 }, (_, i) => word(i * 7 + 3, 2));
const LAST = Array.from({ length: 8000 }, (_, i) => word(i * 13 + 5, 3));
const STREETS = Array.from(
  { length: 900 },
  (_, i) => `${word(i * 11 + 1, 2)} ${['Street', 'Avenue', 'Road', 'Lane', 'Boulevard'][i % 5]}`,
);
const AREA = ['212', '305', '312', '415', '617', '702', '713', '718', '202', '303'];
const resident = (i) => {
  const first = FIRST[(i * 31) % FIRST.length];
  const last = LAST[(i * 17 + Math.floor(i / 8000)) % LAST.length];
  const rest = Math.floor(i / AREA.length);
  return {
    first,
    last,
    email: `${first}.${last}.${i}@example.net`.toLowerCase(),
    phone: `+1${AREA[i % AREA.length]}${200 + (rest % 700)}${String(Math.floor(rest / 700) % 10000).padStart(4, '0')}`,
    address: `${1 + (i % 9973)} ${STREETS[(i * 7) % STREETS.length]}`,
  };
};

const memo = new Map();
const tokensOf = (r) => {
  const key = `${r.first}|${r.last}|${r.address}`;
  let t = memo.get(key);
  if (!t) {
    t = matchTokensOf(
      { givenName: r.first, familyName: r.last, postalAddress: r.address },
      blindHash,
    ).all;
    if (memo.size < 200_000) {
      memo.set(key, t);
    }
  }
  return t;
};

// --- database ---------------------------------------------------------------------------------
const admin = new pg.Client({ connectionString: DATABASE_URL });
await admin.connect();
const config = { DATABASE_URL, DATABASE_NAME, NODE_ENV: 'test' };
const dbClient = async () => {
  const u = new URL(DATABASE_URL);
  u.pathname = `/${DATABASE_NAME}`;
  const c = new pg.Client({ connectionString: u.toString() });
  await c.connect();
  return c;
};

async function seeded() {
  const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE_NAME]);
  if (exists.rowCount === 0) {
    return false;
  }
  const c = await dbClient();
  try {
    const { rows } = await c.query(
      "SELECT count(*)::int AS n FROM citizen WHERE email_enc LIKE 'v1:bench1:%'",
    );
    return rows[0].n >= RESIDENTS;
  } catch {
    return false;
  } finally {
    await c.end();
  }
}

let seedSeconds = null;
if (await seeded()) {
  log(`reusing ${DATABASE_NAME} (${RESIDENTS} residents)`);
} else {
  const started = Date.now();
  await admin.query(`DROP DATABASE IF EXISTS "${DATABASE_NAME}" WITH (FORCE)`);
  await ensureDatabase(DATABASE_URL, DATABASE_NAME);
  const ds = new DataSource(serviceDataSourceOptions(CITIZENS, config));
  await migrateDatabase(DATABASE_URL, DATABASE_NAME, ds);
  await ds.destroy();
  const c = await dbClient();
  // Indexes are built once after the load: far faster than maintaining them row by row. They are
  // rebuilt from the definitions the migrations left (storage options included).
  const { rows: indexes } = await c.query(
    `SELECT indexname, indexdef FROM pg_indexes
     WHERE indexname = ANY($1::text[]) ORDER BY indexname`,
    [
      [
        'citizen_blind_tokens_idx',
        'citizen_email_hash_idx',
        'citizen_phone_hash_idx',
        'contact_point_lookup_idx',
        'contact_point_citizen_idx',
      ],
    ],
  );
  await c.query(`DROP INDEX ${indexes.map((i) => i.indexname).join(', ')}`);
  const BATCH = 5000;
  for (let from = 0; from < RESIDENTS; from += BATCH) {
    const cols = { id: [], fn: [], ln: [], em: [], ph: [], eh: [], phh: [], tok: [] };
    const cp = { id: [], cid: [], kind: [], val: [], hash: [] };
    for (let i = from; i < Math.min(RESIDENTS, from + BATCH); i += 1) {
      const r = resident(i);
      const id = randomUUID();
      const email = cipher.encrypt(r.email);
      const phone = cipher.encrypt(r.phone);
      const emailHash = cipher.lookupHash('email', r.email);
      const phoneHash = cipher.lookupHash('phone', r.phone);
      cols.id.push(id);
      cols.fn.push(cipher.encrypt(r.first));
      cols.ln.push(cipher.encrypt(r.last));
      cols.em.push(email);
      cols.ph.push(phone);
      cols.eh.push(emailHash);
      cols.phh.push(phoneHash);
      cols.tok.push(`{${tokensOf(r).join(',')}}`);
      cp.id.push(randomUUID(), randomUUID(), randomUUID());
      cp.cid.push(id, id, id);
      cp.kind.push('EMAIL', 'PHONE', 'POSTAL');
      cp.val.push(email, phone, cipher.encrypt(r.address));
      cp.hash.push(emailHash, phoneHash, null);
    }
    await c.query(
      `INSERT INTO citizen (id, kind, first_name_enc, last_name_enc, email_enc, phone_enc, email_hash, phone_hash, blind_tokens)
       SELECT id, 'PERSON', fn, ln, em, ph, eh, phh, tok::bigint[]
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[]) AS t(id, fn, ln, em, ph, eh, phh, tok)`,
      [cols.id, cols.fn, cols.ln, cols.em, cols.ph, cols.eh, cols.phh, cols.tok],
    );
    await c.query(
      `INSERT INTO contact_point (id, citizen_id, kind, value_enc, lookup_hash)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[])`,
      [cp.id, cp.cid, cp.kind, cp.val, cp.hash],
    );
    if ((from / BATCH) % 20 === 0) {
      log(`seeded ${from + cols.id.length} residents`);
    }
  }
  log('building indexes');
  await c.query("SET maintenance_work_mem = '256MB'");
  for (const { indexdef } of indexes) {
    await c.query(indexdef);
  }
  await c.query('VACUUM ANALYZE citizen');
  await c.query('VACUUM ANALYZE contact_point');
  await c.end();
  seedSeconds = (Date.now() - started) / 1000;
  log(`seeded ${RESIDENTS} residents in ${seedSeconds.toFixed(0)} s`);
}

// --- the service --------------------------------------------------------------------------------
const serviceArgs = PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : [];
const child = spawn(process.execPath, [...serviceArgs, SERVICE_MAIN], {
  env: {
    ...env,
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    HOST: '127.0.0.1',
    PORT: '0',
    DATABASE_URL,
    DATABASE_NAME,
    NATS_URL,
    BUS_NAMESPACE: NAMESPACE,
    GATEWAY_SECRET,
    PII_KEYS,
    PII_HASH_KEY,
  },
  stdio: ['ignore', 'pipe', 'inherit'],
});
// The service binds a port the OS picks and says which in its `listening` line
// (libs/observability/src/listening.ts); its other output is read and dropped.
const servicePort = await new Promise((resolve, reject) => {
  createInterface({ input: child.stdout }).on('line', (line) => {
    try {
      const entry = JSON.parse(line);
      if (entry.msg === 'listening') {
        resolve(Number(new URL(entry.url).port));
      }
    } catch {
      // not a log line of ours
    }
  });
  child.once('exit', (code) =>
    reject(new Error(`the service exited (code ${code}) before listening`)),
  );
});
const cpuMsOf = (pid) => {
  try {
    // utime + stime, in clock ticks (100 a second on Linux).
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
};
// Postgres backends serving the bench database (the service's pool): their CPU, in ms.
const databaseCpuMs = () => {
  let ms = 0;
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(` ${DATABASE_NAME} `)) {
        ms += cpuMsOf(pid) ?? 0;
      }
    } catch {
      // gone meanwhile
    }
  }
  return ms;
};
const machineBusy = () => {
  // Whole machine, all cores: [busy, total] jiffies from /proc/stat.
  const [, ...t] = readFileSync('/proc/stat', 'utf8')
    .split('\n')[0]
    .trim()
    .split(/\s+/)
    .map(Number);
  const idle = t[3] + t[4];
  const total = t.reduce((a, b) => a + b, 0);
  return [total - idle, total];
};
const rssOf = (pid) => {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
};

const nc = await connect({ servers: NATS_URL });
const subject = new BusNaming(NAMESPACE).subject(ResolveIdentity.subject);
async function resolve({ contact, ...rest }) {
  // As cases sends it: the contact sealed by intake (docs/adr/0023).
  const request = SEALED
    ? { ...rest, sealedContact: cipher.encrypt(JSON.stringify(contact)) }
    : { ...rest, contact };
  const msg = await nc.request(
    subject,
    JSON.stringify(createEnvelope('cases', ResolveIdentity.subject, request)),
    { timeout: 30_000 },
  );
  const reply = msg.json();
  if (!reply.ok) {
    throw new Error(JSON.stringify(reply.error));
  }
  return reply.payload;
}
for (let attempt = 0; ; attempt += 1) {
  try {
    await resolve({ contact: { email: resident(0).email } });
    break;
  } catch (error) {
    if (attempt > 120) {
      throw error;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}
log('citizens service answering');

// --- the load --------------------------------------------------------------------------------------
let fresh = 0;
const pick = () => Math.floor(Math.random() * RESIDENTS);
function nextRequest() {
  const roll = Math.random();
  if (roll < MIX_UPTO.email) {
    const r = resident(pick());
    return {
      kind: 'email',
      expect: 'EMAIL',
      request: { contact: { email: r.email.toUpperCase() } },
    };
  }
  if (roll < MIX_UPTO.phone) {
    const r = resident(pick());
    const n = r.phone.slice(2);
    return {
      kind: 'phone',
      expect: 'PHONE',
      request: { contact: { phone: `(${n.slice(0, 3)}) ${n.slice(3, 6)}-${n.slice(6)}` } },
    };
  }
  if (roll < MIX_UPTO.nameAndAddress) {
    const r = resident(pick());
    return {
      kind: 'name+address',
      expect: 'NAME_ADDRESS',
      request: {
        contact: {
          firstName: r.first.toUpperCase(),
          lastName: r.last,
          postalAddress: r.address.replace('Street', 'St'),
        },
      },
    };
  }
  fresh += 1;
  const r = resident(RESIDENTS + 10_000_000 + fresh + Math.floor(Math.random() * 1e6) * 1000);
  return {
    kind: 'new',
    expect: 'NEW',
    request: {
      contact: {
        firstName: r.first,
        lastName: `${r.last}x${fresh}`,
        email: `new.${fresh}.${randomUUID()}@example.net`,
        postalAddress: r.address,
      },
    },
  };
}

async function run(count, record) {
  const latencies = [];
  const outcomes = {};
  const perSecond = [];
  let peakRss = 0;
  let peakInFlight = 0;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, rssOf(child.pid) ?? 0)), 250);
  const serviceCpuBefore = cpuMsOf(child.pid);
  const databaseCpuBefore = databaseCpuMs();
  const benchCpuBefore = process.cpuUsage();
  const machineBefore = machineBusy();
  const started = process.hrtime.bigint();
  // One resolution; its latency counts from `due` (open loop: when it should have been sent).
  const one = async (due) => {
    const job = nextRequest();
    const reply = await resolve(job.request);
    const ms = Number(process.hrtime.bigint() - due) / 1e6;
    if (record) {
      latencies.push(ms);
      // By the second it was sent in: shows a stall as such rather than spread over the run.
      const second = Number((due - started) / 1_000_000_000n);
      const s = (perSecond[second] ??= { second, requests: 0, maxMs: 0 });
      s.requests += 1;
      s.maxMs = Math.max(s.maxMs, Number(ms.toFixed(1)));
      const o = (outcomes[job.kind] ??= {
        requests: 0,
        asExpected: 0,
        matches: {},
        latencies: [],
      });
      o.requests += 1;
      o.latencies.push(ms);
      o.matches[reply.match] = (o.matches[reply.match] ?? 0) + 1;
      if (reply.match === job.expect) {
        o.asExpected += 1;
      }
    }
  };
  if (RATE) {
    const inFlight = new Set();
    const gapNs = BigInt(Math.round(1e9 / RATE));
    for (let i = 0; i < count; i += 1) {
      const due = started + gapNs * BigInt(i);
      const wait = Number(due - process.hrtime.bigint()) / 1e6;
      if (wait >= 1) {
        await new Promise((r) => setTimeout(r, wait));
      }
      while (inFlight.size >= MAX_IN_FLIGHT) {
        await Promise.race(inFlight);
      }
      const p = one(due).finally(() => inFlight.delete(p));
      inFlight.add(p);
      peakInFlight = Math.max(peakInFlight, inFlight.size);
    }
    await Promise.all(inFlight);
  } else {
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < count) {
          next += 1;
          await one(process.hrtime.bigint());
        }
      }),
    );
    peakInFlight = CONCURRENCY;
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  clearInterval(sampler);
  const benchCpu = process.cpuUsage(benchCpuBefore);
  const machineAfter = machineBusy();
  const cpu = {
    serviceMsPerResolution: Number(((cpuMsOf(child.pid) - serviceCpuBefore) / count).toFixed(3)),
    // Postgres backends that lived through the run (the service's pool).
    databaseMsPerResolution: Number(((databaseCpuMs() - databaseCpuBefore) / count).toFixed(3)),
    benchMsPerResolution: Number(((benchCpu.user + benchCpu.system) / 1000 / count).toFixed(3)),
    machineBusyShare: Number(
      ((machineAfter[0] - machineBefore[0]) / (machineAfter[1] - machineBefore[1])).toFixed(3),
    ),
  };
  const slowestSeconds = perSecond
    .filter(Boolean)
    .sort((a, b) => b.maxMs - a.maxMs)
    .slice(0, 3);
  return { latencies, outcomes, seconds, peakRss, peakInFlight, cpu, slowestSeconds };
}

log(`warming up (${WARMUP} requests)`);
await run(WARMUP, false);
log(
  RATE
    ? `measuring ${REQUESTS} resolutions, ${RATE} a second (open loop)`
    : `measuring ${REQUESTS} resolutions, ${CONCURRENCY} at a time`,
);
const measured = await run(REQUESTS, true);
const percentiles = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p) =>
    Number(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))].toFixed(2));
  return { p50: at(50), p95: at(95), p99: at(99), max: at(100) };
};
const latencyMs = percentiles(measured.latencies);
for (const o of Object.values(measured.outcomes)) {
  o.latencyMs = percentiles(o.latencies);
  delete o.latencies;
}
const throughput = REQUESTS / measured.seconds;

// --- staff searches --------------------------------------------------------------------------------
// What an agent types on a call about a stored resident: the full name, the name with a typo, the
// surname alone, the e-mail, the phone as said aloud, the address. Sequential: one agent.
const searchKinds = {
  name: (r) => `${r.first} ${r.last}`,
  nameWithTypo: (r) => `${r.first} ${r.last.slice(0, 2)}${r.last.slice(3)}`,
  surname: (r) => r.last,
  email: (r) => r.email.toUpperCase(),
  phone: (r) => `(${r.phone.slice(2, 5)}) ${r.phone.slice(5, 8)}-${r.phone.slice(8)}`,
  address: (r) => r.address,
};
const searchHeaders = {
  'content-type': 'application/json',
  [HEADER_GATEWAY_SECRET]: GATEWAY_SECRET,
  [HEADER_IDENTITY]: encodeIdentity({ sub: 'bench-agent', roles: ['agent'], departments: [] }),
};
const searchOnce = async (query) => {
  const started = process.hrtime.bigint();
  const res = await fetch(`http://127.0.0.1:${servicePort}/graphql`, {
    method: 'POST',
    headers: searchHeaders,
    body: JSON.stringify({
      query:
        'query($q: String!) { searchCitizens(query: $q, purpose: "benchmark") { id lastName } }',
      variables: { q: query },
    }),
  });
  const body = await res.json();
  if (body.errors) {
    throw new Error(`searchCitizens failed: ${JSON.stringify(body.errors).slice(0, 300)}`);
  }
  return {
    ms: Number(process.hrtime.bigint() - started) / 1e6,
    found: body.data.searchCitizens.length,
  };
};
let search = null;
if (SEARCHES > 0) {
  log(`measuring ${SEARCHES} staff searches, one at a time`);
  const kinds = Object.keys(searchKinds);
  const byKind = Object.fromEntries(kinds.map((k) => [k, { latencies: [], empty: 0 }]));
  const all = [];
  for (let i = 0; i < SEARCHES + 30; i += 1) {
    const kind = kinds[i % kinds.length];
    const r = resident((i * 7919) % RESIDENTS);
    const { ms, found } = await searchOnce(searchKinds[kind](r));
    if (i < 30) {
      continue; // warm-up
    }
    all.push(ms);
    byKind[kind].latencies.push(ms);
    if (found === 0) {
      byKind[kind].empty += 1;
    }
  }
  for (const k of kinds) {
    byKind[k].latencyMs = percentiles(byKind[k].latencies);
    byKind[k].searches = byKind[k].latencies.length;
    delete byKind[k].latencies;
  }
  search = { searches: SEARCHES, latencyMs: percentiles(all), byKind };
  log(`searches: p50 ${search.latencyMs.p50} ms, p95 ${search.latencyMs.p95} ms`);
}

const c = await dbClient();
const {
  rows: [size],
} = await c.query('SELECT pg_database_size(current_database())::bigint AS bytes');
const {
  rows: [count],
} = await c.query('SELECT count(*)::int AS n FROM citizen');
await c.end();

const cpus = os.cpus();
const result = {
  benchmark: 'identity resolution (citizens.cmd.resolve-identity.v1 over NATS)',
  date: new Date().toISOString(),
  machine: {
    cpuModel: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memoryBytes: os.totalmem(),
    loadAverageAtStart: loadAtStart,
    loadAverageAtEnd: os.loadavg(),
    node: process.version,
    platform: `${os.type()} ${os.release()}`,
  },
  residentsStored: count.n,
  seedSeconds,
  requests: REQUESTS,
  warmUpRequests: WARMUP,
  load: RATE
    ? { kind: 'open loop', ratePerSecond: RATE, peakInFlight: measured.peakInFlight }
    : { kind: 'closed loop', concurrency: CONCURRENCY },
  mix: MIX,
  contactSealed: SEALED,
  throughputPerSecond: Number(throughput.toFixed(1)),
  latencyMs,
  outcomes: measured.outcomes,
  slowestSeconds: measured.slowestSeconds,
  cpu: measured.cpu,
  memory: {
    citizensServicePeakRssBytes: measured.peakRss,
    benchProcessRssBytes: process.memoryUsage().rss,
    databaseBytes: Number(size.bytes),
  },
  search,
  targets: { p95UnderMs: 20, atLeastPerSecond: 500 },
  targetsMet: {
    p95: latencyMs.p95 < 20,
    // Open loop: the schedule was kept (within 2%) at a rate of at least 500 a second.
    throughput: RATE ? RATE >= 500 && throughput >= RATE * 0.98 : throughput >= 500,
  },
};
console.log(JSON.stringify(result, null, 2));
mkdirSync(join(root, 'bench/results'), { recursive: true });
const file = join(root, 'bench/results', `identity-${result.date.slice(0, 10)}-${LABEL}.json`);
writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
log(`wrote ${file}`);

child.kill('SIGTERM');
await new Promise((r) => child.once('exit', r));
const jsm = await jetstreamManager(nc);
const streamPrefix = `${NAMESPACE.replace(/[^A-Za-z0-9_-]/g, '_').toUpperCase()}_`;
for await (const name of jsm.streams.names()) {
  if (name.startsWith(streamPrefix)) {
    await jsm.streams.delete(name);
  }
}
await nc.close();
if (!KEEP) {
  await admin.query(`DROP DATABASE IF EXISTS "${DATABASE_NAME}" WITH (FORCE)`);
}
await admin.end();
