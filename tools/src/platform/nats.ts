import { accessSync, constants, mkdirSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { ManagedProcess } from './managed-process.js';
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

/** NATS_URL; else a server already on 127.0.0.1:4222; else a local nats-server with JetStream. */
export async function ensureNats(
  natsUrl: string | undefined,
  dataDir: string,
  onLine: (name: string, line: string) => void,
  port = DEFAULT_PORT,
): Promise<NatsEndpoint> {
  if (natsUrl) {
    return { url: natsUrl };
  }
  const url = `nats://${LOOPBACK}:${port}`;
  if (await portAnswers(port)) {
    onLine('nats', `using the NATS server already on ${url}`);
    return { url };
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
  const storeDir = join(dataDir, 'nats');
  mkdirSync(storeDir, { recursive: true });
  const server = new ManagedProcess(
    'nats',
    {
      command: binary,
      args: ['-a', LOOPBACK, '-p', String(port), '-js', '-sd', storeDir],
      env: process.env,
      cwd: dataDir,
    },
    onLine,
  );
  server.start();
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (!(await portAnswers(port))) {
    if (!server.running) {
      throw new PlatformError(
        `nats-server exited while starting:\n${server.lastLines(15).join('\n')}`,
      );
    }
    if (Date.now() > deadline) {
      await server.stop('SIGKILL');
      throw new PlatformError(
        `nats-server did not answer on ${url} within ${START_TIMEOUT_MS / 1000}s`,
      );
    }
    await sleep(100);
  }
  return { url, stop: async () => void (await server.stop('SIGTERM', 10_000)) };
}
