// What every benchmark here needs, in one place: a timestamped log, the machine's calibration
// (`uptime`, a fixed CPU loop and `pgbench -S` for 10 s, before and after, so figures from machines
// that differ by 2x or more, or from a busy one, can be compared), percentiles, CPU and memory of a
// process and of a database's Postgres backends read from /proc, starting a built service and
// waiting for it to listen, and writing the result file.
import { execFileSync, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HEADER_GATEWAY_SECRET, HEADER_IDENTITY } from '@civitas/contracts';
import { SERVICE_NODE_ARGS } from '../../tools/dist/index.js';

/** The repository's root. */
export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The machine's Postgres and NATS, unless DATABASE_URL / NATS_URL name others. */
export const DATABASE_URL =
  process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const NATS_URL = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
/** BENCH_LABEL names the result file (`<date>-<label>.json`); BENCH_KEEP=1 keeps the database. */
export const LABEL = process.env.BENCH_LABEL ?? '';
export const KEEP = process.env.BENCH_KEEP === '1';

/** A number given as `--<flag> N` on the command line, else in `envName`, else `fallback`. */
export function numberArg(flag, envName, fallback) {
  const at = process.argv.indexOf(`--${flag}`);
  return Number((at > 0 ? process.argv[at + 1] : undefined) ?? process.env[envName] ?? fallback);
}

export const log = (...args) => console.log(`[${new Date().toISOString().slice(11, 19)}]`, ...args);

export const uptime = () => execFileSync('uptime', { encoding: 'utf8' }).trim();

/** A fixed amount of CPU work (hashing 64 MiB in 1 MiB pieces), timed: the machine's speed now. */
export function cpuLoopMs() {
  const block = Buffer.alloc(1024 * 1024, 7);
  const started = performance.now();
  let digest = Buffer.alloc(32);
  for (let i = 0; i < 64; i++) {
    digest = createHash('sha256').update(block).update(digest).digest();
  }
  return Number((performance.now() - started).toFixed(1));
}

/**
 * Select-only transactions a second for 10 s on a scratch database (initialised at scale 1) of the
 * Postgres at `databaseUrl`; null when pgbench cannot run (it is said why).
 */
export function pgbenchSelectOnlyTps(databaseUrl) {
  const url = new URL(databaseUrl);
  const database = `civitas_bench_pgbench_${Date.now().toString(36)}`;
  const args = ['-h', url.hostname, '-p', url.port || '5432', '-U', url.username || 'postgres'];
  try {
    execFileSync('createdb', [...args, database], { stdio: 'pipe' });
    execFileSync('pgbench', [...args, '-i', '-q', '-s', '1', database], { stdio: 'pipe' });
    const out = execFileSync('pgbench', [...args, '-S', '-T', '10', database], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const tps = /tps = ([\d.]+)/.exec(out);
    return tps ? Math.round(Number(tps[1])) : null;
  } catch (error) {
    log(`pgbench not run: ${error.message.split('\n')[0]}`);
    return null;
  } finally {
    try {
      execFileSync('dropdb', [...args, '--if-exists', database], { stdio: 'pipe' });
    } catch {
      // Nothing to drop.
    }
  }
}

/**
 * Starts the calibration: `uptime`, the CPU loop and (unless `BENCH_PGBENCH=0` or no database URL
 * is given) pgbench now; `finish()` measures them again and answers the result file's
 * `calibration`.
 */
export function calibrate({ databaseUrl } = {}) {
  const pgbench = databaseUrl && process.env.BENCH_PGBENCH !== '0';
  const uptimeBefore = uptime();
  const cpuBefore = cpuLoopMs();
  const pgbenchBefore = pgbench ? pgbenchSelectOnlyTps(databaseUrl) : null;
  log(`uptime before: ${uptimeBefore}; CPU loop ${cpuBefore} ms; pgbench -S ${pgbenchBefore} tps`);
  return {
    finish() {
      const cpuAfter = cpuLoopMs();
      const pgbenchAfter = pgbench ? pgbenchSelectOnlyTps(databaseUrl) : null;
      const uptimeAfter = uptime();
      log(`uptime after: ${uptimeAfter}; CPU loop ${cpuAfter} ms; pgbench -S ${pgbenchAfter} tps`);
      return {
        uptimeBefore,
        uptimeAfter,
        cpuLoopMs: { before: cpuBefore, after: cpuAfter },
        pgbenchSelectOnlyTps: { before: pgbenchBefore, after: pgbenchAfter },
      };
    },
  };
}

/** The machine the figures come from. */
export function machine() {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    model: cpus[0]?.model ?? 'unknown',
    memoryGiB: Number((os.totalmem() / 2 ** 30).toFixed(1)),
    node: process.version,
    platform: `${os.type()} ${os.release()}`,
  };
}

/** The value at percentile `p` (0-100) of ascending `sorted`; null when there is none. */
export const percentile = (sorted, p) =>
  sorted.length === 0
    ? null
    : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

export const round1 = (n) => (n === null ? null : Number(n.toFixed(1)));

/** CPU seconds (user + system) and resident memory of a process, from /proc. */
export function processUsage(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  const ticks = Number(stat[11]) + Number(stat[12]);
  const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return { cpuSeconds: ticks / 100, rssMiB: Number((Number(rss?.[1] ?? 0) / 1024).toFixed(1)) };
}

/** The Postgres backends serving `database`: their pids, their CPU so far, and renicing them. */
export function postgresBackends(database) {
  const pids = () => {
    try {
      return execFileSync('pgrep', ['-f', `postgres: .*${database}`], { encoding: 'utf8' })
        .split('\n')
        .filter(Boolean);
    } catch {
      return []; // pgrep answers 1 when there is none
    }
  };
  // A backend that ended (a pool closing a connection) keeps the CPU it was last seen with, so the
  // sum never goes back: call cpuMs() often enough to see short-lived backends.
  const lastTicks = new Map();
  return {
    pids,
    /** CPU milliseconds the backends seen so far have used (utime + stime; USER_HZ is 100). */
    cpuMs() {
      for (const pid of pids()) {
        try {
          const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
          lastTicks.set(pid, Number(fields[11]) + Number(fields[12]));
        } catch {
          // the backend ended
        }
      }
      let ticks = 0;
      for (const t of lastTicks.values()) {
        ticks += t;
      }
      return (ticks * 1000) / 100;
    },
    /** The backends at the lowest priority: the machine is shared. */
    renice() {
      for (const pid of pids()) {
        execFileSync('renice', ['-n', '19', '-p', pid], { stdio: 'ignore' });
      }
    },
  };
}

/**
 * The nats-server a platform talks to: the one started with `dataDir` (a platform's own), or, with
 * none, the oldest on the machine (shared with others); null when there is none.
 */
export function natsServerPid(dataDir) {
  const args = dataDir ? ['-f', `nats-server.*${dataDir}`] : ['-o', 'nats-server'];
  try {
    return Number(execFileSync('pgrep', args, { encoding: 'utf8' }).trim());
  } catch {
    return null;
  }
}

/**
 * What a launched platform (`launchPlatform`) uses, from /proc. `cpuMs()` answers the CPU
 * milliseconds so far of each of `processes`, of the Postgres backends of each of `databases`
 * (`<databasePrefix>_<name>`, as `postgres:<name>`), of the nats-server `natsPid` (as `natsName`;
 * 0 when null) and of this process (as `selfName`). `seeBackends()` reads the backends now, so
 * that one a pool closes later still counts: call it about every second. `rssMiB()` answers each
 * process's resident memory.
 */
export function platformUsage({
  platform,
  processes,
  databases,
  databasePrefix,
  natsPid,
  natsName,
  selfName,
}) {
  const backends = Object.fromEntries(
    databases.map((d) => [d, postgresBackends(`${databasePrefix}_${d}`)]),
  );
  return {
    cpuMs() {
      const cpu = {};
      for (const name of processes) {
        const pid = platform.pid(name);
        cpu[name] = pid ? processUsage(pid).cpuSeconds * 1000 : 0;
      }
      for (const d of databases) {
        cpu[`postgres:${d}`] = backends[d].cpuMs();
      }
      cpu[natsName] = natsPid ? processUsage(natsPid).cpuSeconds * 1000 : 0;
      const self = process.cpuUsage();
      cpu[selfName] = (self.user + self.system) / 1000;
      return cpu;
    },
    seeBackends() {
      for (const d of databases) {
        backends[d].cpuMs();
      }
    },
    rssMiB() {
      return Object.fromEntries(
        processes.map((n) => [n, platform.pid(n) ? processUsage(platform.pid(n)).rssMiB : null]),
      );
    },
  };
}

/** CPU ms per item between two `cpuMs()` readings, to `digits` decimals; null each when `n` is 0. */
export const cpuMsPer = (from, to, n, digits) =>
  Object.fromEntries(
    Object.keys(to).map((k) => [k, n ? Number(((to[k] - from[k]) / n).toFixed(digits)) : null]),
  );

/**
 * The platform's part of a `cpuMsPer`, to `digits` decimals: every key but those in `leftOut`
 * and a shared process's (named `... (shared)`), whose CPU is others' too.
 */
export const platformCpuMs = (perItem, digits, leftOut = []) =>
  Number(
    Object.entries(perItem)
      .filter(([k]) => !leftOut.includes(k) && !k.includes('shared'))
      .reduce((n, [, v]) => n + (v ?? 0), 0)
      .toFixed(digits),
  );

/** A database of its own for one run of benchmark `bench`: `civitas_bench_<bench>_<time>`. */
export const benchDatabase = (bench) => `civitas_bench_${bench}_${Date.now().toString(36)}`;

/**
 * The environment a built service runs with in a benchmark: on `database` (its own bus namespace
 * named after it), with a gateway secret of its own, on a port the OS chooses, logging warnings
 * only. `extra` adds or overrides variables (`MIGRATE_ONLY`, a shorter timer...).
 */
export function serviceEnvFor({
  database,
  databaseUrl,
  natsUrl,
  secret = randomBytes(24).toString('base64url'),
  ...extra
}) {
  return {
    ...process.env,
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    DATABASE_NAME: database,
    ...(natsUrl ? { NATS_URL: natsUrl } : {}),
    BUS_NAMESPACE: database.replace(/_/g, '-'),
    GATEWAY_SECRET: secret,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    ...extra,
  };
}

/**
 * GraphQL calls to a subgraph as the gateway makes them: its shared `secret` and the caller's
 * encoded identity (`who`, by default `identity`). A call answers `data` and throws on errors.
 */
export function subgraphCaller(secret, identity) {
  return async (url, query, variables = {}, who = identity) => {
    const res = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [HEADER_GATEWAY_SECRET]: secret,
        [HEADER_IDENTITY]: who,
      },
      body: JSON.stringify({ query, variables }),
    });
    const body = await res.json();
    if (body.errors) {
      throw new Error(JSON.stringify(body.errors));
    }
    return body.data;
  };
}

/**
 * Starts a built service (`services/<name>/dist/main.js`) with `env` and the V8 flags services
 * run with everywhere else (the launcher's SERVICE_NODE_ARGS); resolves with the process and its
 * GraphQL URL once it logs that it listens, rejects if it exits first.
 */
export function startBuiltService(name, env) {
  const main = join(root, `services/${name}/dist/main.js`);
  const child = spawn(process.execPath, [...SERVICE_NODE_ARGS, main], {
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let buffered = '';
    child.stdout.on('data', (chunk) => {
      buffered += chunk.toString();
      for (const line of buffered.split('\n').slice(0, -1)) {
        try {
          const entry = JSON.parse(line);
          if (entry.msg === 'listening' && !entry.listener) {
            resolve({ child, url: entry.url });
          }
        } catch {
          // not a JSON line
        }
      }
      buffered = buffered.slice(buffered.lastIndexOf('\n') + 1);
    });
    child.once('exit', (code) => reject(new Error(`${name} exited (${code}) before listening`)));
  });
}

/**
 * Writes `result` to `bench/<bench>/results/<date of result.date>[-<label>].json` and says where.
 */
export function writeResult(bench, label, result) {
  const dir = join(root, 'bench', bench, 'results');
  mkdirSync(dir, { recursive: true });
  const date = (result.date ?? new Date().toISOString()).slice(0, 10);
  const file = join(dir, `${date}${label ? `-${label}` : ''}.json`);
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  log(`written ${file}`);
  return file;
}
