import { chmodSync, mkdirSync } from 'node:fs';
import { startEmbeddedPostgres } from '../platform/embedded-postgres.js';
import { ManagedProcess } from '../platform/managed-process.js';
import { findNatsServer } from '../platform/nats.js';
import { freePort, LOOPBACK, portAnswers, sleep } from '../platform/net.js';
import { PlatformError } from '../platform/platform.error.js';

const NATS_START_TIMEOUT_MS = 15_000;

type OnLine = (name: string, line: string) => void;

/**
 * A server the chaos run owns and may take away: stopped and started again at the same address
 * with the same data, so the services' connections find it where it was.
 */
export interface RestartableServer {
  readonly url: string;
  /** Stops it the way the fault says (see each implementation); resolves once it has exited. */
  stop(): Promise<void>;
  /** Starts it again on the same port and data; resolves once it answers. */
  start(): Promise<void>;
}

/**
 * A nats-server with JetStream of the run's own, never the machine's shared one: a port that was
 * free when the run began (the server must keep it across a restart, so it cannot bind port 0) and
 * a store in the run's directory. No users: the run publishes poison and reads the dead letters.
 * Stopped with SIGTERM: JetStream flushes its store on the way down (nats-server 2.9 syncs to disk
 * every two minutes otherwise, so a SIGKILL would lose what it acknowledged, a fault of the
 * machine, not of the platform).
 */
export class OwnNats implements RestartableServer {
  private constructor(
    private readonly server: ManagedProcess,
    private readonly port: number,
  ) {}

  static async start(storeDir: string, onLine: OnLine): Promise<OwnNats> {
    const binary = findNatsServer();
    if (!binary) {
      throw new PlatformError(
        'The chaos run starts a nats-server of its own: install nats-server (apt-get install nats-server).',
      );
    }
    mkdirSync(storeDir, { recursive: true, mode: 0o700 });
    const port = await freePort();
    const server = new ManagedProcess(
      'nats',
      {
        command: binary,
        args: ['-a', LOOPBACK, '-p', String(port), '-js', '-sd', storeDir],
        env: process.env,
        cwd: storeDir,
      },
      onLine,
    );
    const nats = new OwnNats(server, port);
    await nats.start();
    return nats;
  }

  get url(): string {
    return `nats://${LOOPBACK}:${this.port}`;
  }

  async start(): Promise<void> {
    this.server.start();
    const deadline = Date.now() + NATS_START_TIMEOUT_MS;
    while (!(await portAnswers(this.port))) {
      if (!this.server.running || Date.now() > deadline) {
        await this.server.stop('SIGKILL');
        throw new PlatformError(
          `nats-server did not answer on port ${this.port}:\n${this.server.lastLines(15).join('\n')}`,
        );
      }
      await sleep(50);
    }
  }

  async stop(): Promise<void> {
    await this.server.stop('SIGTERM', 10_000);
  }
}

/**
 * Postgres 18 of the run's own, from the binaries `npm start` uses (tools/src/platform/
 * embedded-postgres.ts): a cluster made with initdb in the run's directory, on a port recorded
 * there, so a start after a stop finds the same port and databases. Stopped with a fast shutdown
 * (SIGINT: open transactions are rolled back and every connection is cut, as `pg_ctl stop -m fast`
 * does).
 */
export class OwnPostgres implements RestartableServer {
  private stopServer: (() => Promise<void>) | undefined;

  private constructor(
    private readonly dataDir: string,
    private readonly onLine: OnLine,
    private _url = '',
  ) {}

  static async start(dataDir: string, onLine: OnLine): Promise<OwnPostgres> {
    mkdirSync(dataDir, { recursive: true });
    // Postgres runs as the postgres user when we are root: it must reach its data directory.
    chmodSync(dataDir, 0o711);
    const postgres = new OwnPostgres(dataDir, onLine);
    await postgres.start();
    return postgres;
  }

  get url(): string {
    return this._url;
  }

  async start(): Promise<void> {
    const server = await startEmbeddedPostgres(this.dataDir, this.onLine);
    this.stopServer = server.stop;
    if (this._url && server.url !== this._url) {
      // Its port was taken while it was down: the services hold the old URL.
      await server.stop();
      throw new PlatformError(`Postgres came back elsewhere (${server.url}), not on its port`);
    }
    this._url = server.url;
  }

  async stop(): Promise<void> {
    await this.stopServer?.();
    this.stopServer = undefined;
  }

  /** `<url>` with another database. */
  databaseUrl(database: string): string {
    const url = new URL(this._url);
    url.pathname = `/${database}`;
    return url.toString();
  }
}
