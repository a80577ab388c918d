import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { TEST_PATIENCE_MS } from './patience.js';
import { waitFor } from './wait-for.js';

/** Debian installs nats-server in /usr/sbin, which is not on every user's PATH. */
const EXTRA_DIRS = ['/usr/sbin', '/usr/local/sbin', '/usr/local/bin'];
const KEPT_LINES = 400;

export interface NatsClusterNode {
  /** The server's name (`n1`, `n2`, …): what JetStream reports as a stream's leader. */
  readonly name: string;
  /** Where clients reach this node, e.g. nats://127.0.0.1:41234. */
  readonly clientUrl: string;
  readonly running: boolean;
  /** Ends the node at once (SIGKILL by default) and resolves once it has exited. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** The node's last log lines. */
  logs(): string[];
}

export interface TestNatsCluster {
  /** Every node's client URL, comma separated: a NATS_URL that fails over among them. */
  readonly url: string;
  readonly nodes: readonly NatsClusterNode[];
  node(name: string): NatsClusterNode;
  /** The running node leading a stream (its JetStream leader); waits while one is elected. */
  streamLeader(stream: string): Promise<NatsClusterNode>;
  /** A connection to the running nodes, for a test's own questions (closed by `dispose`). */
  connection(): Promise<NatsConnection>;
  /** Stops every node and deletes their stores. */
  dispose(): Promise<void>;
}

export interface NatsClusterOptions {
  /** Nodes in the cluster: 3 unless given. */
  size?: number;
  /** The nats-server binary; else NATS_SERVER, else `nats-server` on the PATH or in /usr/sbin. */
  binary?: string;
}

class ClusterNode implements NatsClusterNode {
  clientPort: number | undefined;
  routePort: number | undefined;
  private readonly lines: string[] = [];
  private readonly child: ChildProcess;
  private readonly exited: Promise<void>;
  private alive = true;

  constructor(
    readonly name: string,
    readonly configFile: string,
    binary: string,
  ) {
    this.child = spawn(binary, ['-c', configFile], { stdio: ['ignore', 'pipe', 'pipe'] });
    this.exited = new Promise((resolve) =>
      this.child.once('exit', () => {
        this.alive = false;
        resolve();
      }),
    );
    this.child.once('error', (error) => this.lines.push(`could not start: ${error.message}`));
    for (const stream of [this.child.stdout!, this.child.stderr!]) {
      let partial = '';
      stream.setEncoding('utf8').on('data', (chunk: string) => {
        const parts = (partial + chunk).split('\n');
        partial = parts.pop() ?? '';
        parts.forEach((line) => this.note(line));
      });
    }
  }

  get running(): boolean {
    return this.alive;
  }

  get clientUrl(): string {
    return `nats://127.0.0.1:${this.clientPort}`;
  }

  get routeUrl(): string {
    return `nats-route://127.0.0.1:${this.routePort}`;
  }

  logs(): string[] {
    return [...this.lines];
  }

  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    if (this.alive) {
      this.child.kill(signal);
      await this.exited;
    }
  }

  /** SIGTERM, then SIGKILL if it has not gone within a few seconds. */
  async stop(): Promise<void> {
    if (!this.alive) {
      return;
    }
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5000);
    await this.exited;
    clearTimeout(timer);
  }

  killNow(): void {
    if (this.alive) {
      this.child.kill('SIGKILL');
    }
  }

  reload(): void {
    this.child.kill('SIGHUP');
  }

  private note(line: string): void {
    // nats-server logs the ports the OS gave it (`-1` in its config).
    const client = /Listening for client connections on [^\s]+:(\d+)/.exec(line);
    if (client) {
      this.clientPort = Number(client[1]);
    }
    const route = /Listening for route connections on [^\s]+:(\d+)/.exec(line);
    if (route) {
      this.routePort = Number(route[1]);
    }
    this.lines.push(line);
    if (this.lines.length > KEPT_LINES) {
      this.lines.shift();
    }
  }
}

/** One nats-server of a test's own that the test may stop and start again (`startNatsServer`). */
export interface TestNatsServer {
  /** Where clients reach it; the same after a restart. */
  readonly url: string;
  readonly running: boolean;
  /**
   * Stops it (SIGTERM by default: JetStream writes its store on the way down, as a deployment's
   * restart does) and resolves once it has exited.
   */
  stop(signal?: NodeJS.Signals): Promise<void>;
  /** Starts it again on the same port and store; resolves once JetStream answers. */
  start(): Promise<void>;
  /** Its last log lines (every start's). */
  logs(): string[];
  /** Stops it and deletes its store. */
  dispose(): Promise<void>;
}

/**
 * A single nats-server with JetStream on loopback, its store in a temporary directory, for a test
 * that restarts NATS under running consumers. The OS picks its port the first time; a restart keeps
 * it (clients reconnect where they were). Never the machine's shared NATS.
 */
export async function startNatsServer(options: { binary?: string } = {}): Promise<TestNatsServer> {
  const binary = options.binary ?? findNatsServer();
  const dir = await mkdtemp(join(tmpdir(), 'civitas-nats-server-'));
  const configFile = join(dir, 'nats.conf');
  const lines: string[] = [];
  let node: ClusterNode | undefined;
  let port = -1;
  const killOnExit = () => node?.killNow();
  process.once('exit', killOnExit);
  const start = async () => {
    await writeFile(
      configFile,
      [
        'server_name: solo',
        `listen: 127.0.0.1:${port}`,
        `jetstream { store_dir: ${JSON.stringify(join(dir, 'store'))}, max_memory_store: 64MB, max_file_store: 2GB }`,
        '',
      ].join('\n'),
    );
    const started = new ClusterNode('solo', configFile, binary);
    node = started;
    await waitFor(
      async () => {
        if (!started.running) {
          throw new Error(`nats-server exited:\n${started.logs().slice(-15).join('\n')}`);
        }
        return started.clientPort !== undefined && started.logs().some(isReady);
      },
      { what: 'a nats-server listening with JetStream' },
    );
    port = started.clientPort!;
  };
  const keepLogs = () => lines.push(...(node?.logs() ?? []));
  await start();
  return {
    get url() {
      return `nats://127.0.0.1:${port}`;
    },
    get running() {
      return node?.running ?? false;
    },
    stop: async (signal: NodeJS.Signals = 'SIGTERM') => {
      await node?.kill(signal);
    },
    start: async () => {
      if (node?.running) {
        throw new Error('the nats-server is running: stop it first');
      }
      keepLogs();
      await start();
    },
    logs: () => [...lines, ...(node?.logs() ?? [])].slice(-KEPT_LINES),
    dispose: async () => {
      process.removeListener('exit', killOnExit);
      await node?.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** nats-server logs this once it accepts clients, JetStream restored. */
const isReady = (line: string) => line.includes('Server is ready');

function findNatsServer(): string {
  const dirs = [...(process.env.PATH ?? '').split(delimiter).filter(Boolean), ...EXTRA_DIRS];
  for (const candidate of [process.env.NATS_SERVER, ...dirs.map((d) => join(d, 'nats-server'))]) {
    if (!candidate) {
      continue;
    }
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  throw new Error(
    'startNatsCluster needs the nats-server binary (apt-get install nats-server, or NATS_SERVER=<path>)',
  );
}

function configOf(dir: string, name: string, clusterName: string, routes: string[]): string {
  // -1: a port the OS picks, which the server logs. A clustered JetStream server refuses to start
  // without a route, so the first node is given one that never answers (port 0) until the others
  // exist; then every node is reloaded with routes to the other two.
  return [
    `server_name: ${name}`,
    'listen: 127.0.0.1:-1',
    `jetstream { store_dir: ${JSON.stringify(join(dir, name))}, max_memory_store: 64MB, max_file_store: 2GB }`,
    `cluster { name: ${clusterName}, listen: 127.0.0.1:-1, routes: [${routes.join(', ')}] }`,
    '',
  ].join('\n');
}

/**
 * A NATS JetStream cluster on loopback: `size` nats-server processes (3 unless given) with
 * their own names, one cluster name, routes to each other, and file stores in a temporary
 * directory, every port picked by the OS. Resolves once JetStream can place a stream with a
 * replica on every node (a meta leader elected and every peer known). Never the machine's shared
 * NATS: a test kills these nodes.
 */
export async function startNatsCluster(options: NatsClusterOptions = {}): Promise<TestNatsCluster> {
  const size = options.size ?? 3;
  const binary = options.binary ?? findNatsServer();
  const dir = await mkdtemp(join(tmpdir(), 'civitas-nats-cluster-'));
  const clusterName = `civitas-${process.pid}`;
  const nodes: ClusterNode[] = [];
  const connections: NatsConnection[] = [];
  const killOnExit = () => nodes.forEach((node) => node.killNow());
  process.once('exit', killOnExit);

  const describeNodes = () =>
    nodes.map((n) => `--- ${n.name}:\n${n.logs().slice(-15).join('\n')}`).join('\n');
  const start = async (name: string, routes: string[]) => {
    const file = join(dir, `${name}.conf`);
    await writeFile(file, configOf(dir, name, clusterName, routes));
    const node = new ClusterNode(name, file, binary);
    nodes.push(node);
    await waitFor(
      async () => {
        if (!node.running) {
          throw new Error(`${name} exited:\n${node.logs().slice(-15).join('\n')}`);
        }
        return node.clientPort !== undefined && node.routePort !== undefined;
      },
      { what: `nats-server ${name} listening` },
    );
    return node;
  };

  const dispose = async () => {
    process.removeListener('exit', killOnExit);
    await Promise.all(connections.map((nc) => nc.close().catch(() => undefined)));
    await Promise.all(nodes.map((node) => node.stop()));
    await rm(dir, { recursive: true, force: true });
  };

  try {
    const first = await start('n1', ['nats-route://127.0.0.1:0']);
    for (let i = 2; i <= size; i++) {
      await start(`n${i}`, [first.routeUrl]);
    }
    for (const node of nodes) {
      const others = nodes.filter((other) => other !== node).map((other) => other.routeUrl);
      await writeFile(node.configFile, configOf(dir, node.name, clusterName, others));
      node.reload();
    }
    const cluster = clusterHandle(nodes, connections, dispose);
    // No API check: it would time out until a meta leader is elected, which is what is awaited.
    const jsm = await jetstreamManager(await cluster.connection(), { checkAPI: false });
    await waitFor(() => placesReplicatedStream(jsm, size), {
      what: `a JetStream meta leader and ${size} peers:\n${describeNodes()}`,
      intervalMs: 250,
      timeoutMs: TEST_PATIENCE_MS,
    });
    return cluster;
  } catch (error) {
    await dispose();
    throw error;
  }
}

/** True once a stream with a replica on every node can be created (and it is deleted again). */
async function placesReplicatedStream(jsm: JetStreamManager, size: number): Promise<boolean> {
  const name = `CLUSTER_CHECK_${process.pid}`;
  try {
    await jsm.streams.add({ name, subjects: [`cluster-check.${process.pid}`], num_replicas: size });
  } catch {
    return false;
  }
  await jsm.streams.delete(name);
  return true;
}

function clusterHandle(
  nodes: ClusterNode[],
  connections: NatsConnection[],
  dispose: () => Promise<void>,
): TestNatsCluster {
  const url = nodes.map((node) => node.clientUrl).join(',');
  let shared: NatsConnection | undefined;
  const cluster: TestNatsCluster = {
    url,
    nodes,
    node: (name) => {
      const node = nodes.find((n) => n.name === name);
      if (!node) {
        throw new Error(`no node ${name} in the cluster (${nodes.map((n) => n.name).join(', ')})`);
      }
      return node;
    },
    connection: async () => {
      if (!shared || shared.isClosed()) {
        shared = await connect({
          servers: nodes.filter((n) => n.running).map((n) => n.clientUrl),
          maxReconnectAttempts: -1,
          reconnectTimeWait: 250,
        });
        connections.push(shared);
      }
      return shared;
    },
    streamLeader: async (stream) => {
      const jsm = await jetstreamManager(await cluster.connection(), { checkAPI: false });
      // Just after a node dies, the cluster may still name it until a new leader is elected.
      return waitFor(
        async () => {
          const leader = (await jsm.streams.info(stream)).cluster?.leader;
          return leader && cluster.node(leader).running ? cluster.node(leader) : undefined;
        },
        { what: `a running leader of stream ${stream}`, intervalMs: 250 },
      );
    },
    dispose,
  };
  return cluster;
}
