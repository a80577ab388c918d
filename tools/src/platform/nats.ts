import { accessSync, chmodSync, constants, mkdirSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { BUS_SERVICES, type BusService } from '@civitas/messaging';
import { ManagedProcess } from './managed-process.js';
import { generateNatsPasswords, natsAuthorizationConfig } from './nats-auth.js';
import { LOOPBACK, portAnswers, sleep } from './net.js';
import { PlatformError } from './platform.error.js';

const DEFAULT_PORT = 4222;
const START_TIMEOUT_MS = 10_000;
/** Debian installs nats-server in /usr/sbin, which is not on every user's PATH. */
const EXTRA_DIRS = ['/usr/sbin', '/usr/local/sbin', '/usr/local/bin', '/opt/homebrew/bin'];

export interface NatsEndpoint {
  url: string;
  /** Present when the launcher started this server and so must stop it. */
  stop?: () => Promise<void>;
  /** Each service's user on a server the launcher started (docs/adr/0046); absent otherwise. */
  credentials?: Record<BusService, { user: string; password: string }>;
}

export interface EnsureNatsOptions {
  /** Where the launcher's own server listens: 4222 by default; 0 = a port the OS picks (tests). */
  port?: number;
  /** Monorepo root (for docs/consumers.json, from which the permissions are generated). */
  rootDir: string;
  /** The bus namespace the services use: the permissions name their prefixed subjects. */
  namespace: string;
}

export function findNatsServer(pathEnv = process.env.PATH ?? ''): string | undefined {
  for (const dir of [...pathEnv.split(delimiter).filter(Boolean), ...EXTRA_DIRS]) {
    const candidate = join(dir, 'nats-server');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/**
 * What the launcher says when it uses a NATS server it did not start: that server was not given
 * the services' users, so they connect without one and nothing limits what each may publish or
 * read (docs/adr/0046). Warned rather than refused: development machines and CI share one such
 * server, and a platform on it works; it is just not the one production runs.
 */
export function foreignNatsWarning(url: string): string[] {
  return [
    `WARNING: per-service NATS permissions are NOT applied: ${url} was not started by npm start,`,
    '  so the services connect without their own users and any of them may publish or read any',
    '  subject (docs/adr/0046). To run with them, stop that server (npm start then starts its own),',
    '  or configure it with `npm run --silent nats:config` and set NATS_URL.',
  ];
}

/**
 * NATS_URL; else a server already on 127.0.0.1:4222; else a local nats-server with JetStream that
 * authorizes each service as its own user with only the permissions it needs (docs/adr/0046).
 * With `port: 0` it always starts its own server, on a port the OS picks.
 */
export async function ensureNats(
  natsUrl: string | undefined,
  dataDir: string,
  onLine: (name: string, line: string) => void,
  options: EnsureNatsOptions,
): Promise<NatsEndpoint> {
  if (natsUrl) {
    return { url: natsUrl };
  }
  const port = options.port ?? DEFAULT_PORT;
  if (port !== 0 && (await portAnswers(port))) {
    onLine('nats', `using the NATS server already on nats://${LOOPBACK}:${port}`);
    for (const line of foreignNatsWarning(`nats://${LOOPBACK}:${port}`)) {
      onLine('nats', line);
    }
    return { url: `nats://${LOOPBACK}:${port}` };
  }
  const binary = findNatsServer();
  if (!binary) {
    throw new PlatformError(
      `No NATS server: nothing answers on ${LOOPBACK}:${port} and` +
        ' `nats-server` is not on the PATH. Either install ' +
        'nats-server (apt-get install nats-server, brew install nats-server, or a release from ' +
        'https://github.com/nats-io/nats-server/releases), or set NATS_URL to a NATS server with JetStream enabled.',
    );
  }
  const natsDir = join(dataDir, 'nats');
  mkdirSync(natsDir, { recursive: true, mode: 0o700 });
  const passwords = generateNatsPasswords();
  const configFile = join(natsDir, 'authorization.conf');
  writeFileSync(
    configFile,
    natsAuthorizationConfig({
      rootDir: options.rootDir,
      namespace: options.namespace,
      password: (service) => ({ value: passwords[service] }),
    }),
    { mode: 0o600 },
  );
  chmodSync(configFile, 0o600);
  let bound: number | undefined;
  const server = new ManagedProcess(
    'nats',
    {
      command: binary,
      // -p -1: a port the OS picks, which the server logs ("Listening for client connections on").
      args: [
        '-c',
        configFile,
        '-a',
        LOOPBACK,
        '-p',
        port === 0 ? '-1' : String(port),
        '-js',
        '-sd',
        natsDir,
      ],
      env: process.env,
      cwd: dataDir,
    },
    (name, line) => {
      const listening = /Listening for client connections on [^\s]+:(\d+)/.exec(line);
      if (listening) {
        bound = Number(listening[1]);
      }
      onLine(name, line);
    },
  );
  server.start();
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (bound === undefined || !(await portAnswers(bound))) {
    if (!server.running) {
      throw new PlatformError(
        `nats-server exited while starting:\n${server.lastLines(15).join('\n')}`,
      );
    }
    if (Date.now() > deadline) {
      await server.stop('SIGKILL');
      throw new PlatformError(
        `nats-server did not answer within ${START_TIMEOUT_MS / 1000}s:\n${server.lastLines(15).join('\n')}`,
      );
    }
    await sleep(100);
  }
  return {
    url: `nats://${LOOPBACK}:${bound}`,
    stop: async () => void (await server.stop('SIGTERM', 10_000)),
    credentials: Object.fromEntries(
      BUS_SERVICES.map((s) => [s, { user: s, password: passwords[s] }]),
    ) as NatsEndpoint['credentials'],
  };
}
