import { createWriteStream, existsSync, mkdirSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import type { ServiceName } from '@civitas/contracts';
import { loadOrCreateDevSecrets, generateDevSecrets, type DevSecrets } from './dev-secrets.js';
import { startEmbeddedPostgres } from './embedded-postgres.js';
import { formatPrefix } from './line-prefixer.js';
import { ManagedProcess, type ExitInfo } from './managed-process.js';
import { ensureNats, type NatsEndpoint } from './nats.js';
import { httpStatus, LOOPBACK, portAnswers, sleep } from './net.js';
import { PlatformError } from './platform.error.js';
import { findRepoRoot } from './repo-root.js';

export type BackendName = Exclude<ServiceName, 'gateway'>;
export type ProcessName = BackendName | 'gateway';
/**
 * One running copy: a service's first replica goes by the service's name, the others by
 * `<service>-<n>` (`intake-2`), with `--replicas N` (docs/adr/0073).
 */
export type InstanceName = ProcessName | `${BackendName}-${number}`;

/** Start order; the gateway comes last and stops first. */
export const BACKEND_SERVICES: readonly BackendName[] = [
  'intake',
  'cases',
  'citizens',
  'routing',
  'analytics',
];

export const DEFAULT_PORTS: Readonly<Record<ProcessName, number>> = {
  gateway: 4000,
  intake: 4001,
  cases: 4002,
  citizens: 4003,
  routing: 4004,
  analytics: 4005,
};

/** Services that hold personal data and so get the PII keys; the others never see them. */
const PII_SERVICES: readonly BackendName[] = ['intake', 'citizens'];
/** Citizens signs closure survey links, cases checks them (ADR 0060); nobody else holds the keys. */
const SURVEY_SERVICES: readonly BackendName[] = ['citizens', 'cases'];

export interface LaunchOptions {
  /** Monorepo root (found from this file when omitted). */
  rootDir?: string;
  /** Persistent state: embedded Postgres, NATS store, dev secrets. Default `<rootDir>/.data`. */
  dataDir?: string;
  /** Environment the launcher reads (DATABASE_URL, NATS_URL, secrets, LOG_LEVEL). Default process.env. */
  env?: NodeJS.ProcessEnv;
  /** A Postgres server URL; else env DATABASE_URL; else an embedded Postgres in the data dir. */
  databaseUrl?: string;
  /**
   * Else env NATS_URL; else 127.0.0.1:4222 if it answers; else a spawned nats-server, which gives
   * each service its own user and permissions (docs/adr/0046).
   */
  natsUrl?: string;
  /** Always start a nats-server of its own, on a port the OS picks, users and permissions on (tests). */
  ownNats?: boolean;
  /**
   * Per-process ports; defaults to 4000–4005. 0: the process binds a port the OS picks and
   * reports it (a `listening` line), so parallel platforms on one machine never race for a port.
   */
  ports?: Partial<Record<ProcessName, number>>;
  busNamespace?: string;
  /** Each service uses database `<prefix>_<service>` instead of `civitas_<service>`. */
  databasePrefix?: string;
  nodeEnv?: 'development' | 'test' | 'production';
  logLevel?: 'debug' | 'info' | 'warn' | 'error';
  /** Keep child output in memory (see `logs()`) instead of writing it out. */
  quiet?: boolean;
  /** Where prefixed child output goes when not quiet. Default process.stdout. */
  output?: NodeJS.WritableStream & { isTTY?: boolean };
  /**
   * Also writes every line of each process's stdout and stderr, as it comes, to `<logDir>/<name>.log`
   * (`cases.log`, `nats.log`, `launcher.log`), quiet or not: what is kept in memory is cut short.
   */
  logDir?: string;
  /** Fresh secrets in memory only, instead of `<dataDir>/dev-secrets.json` (tests). */
  ephemeralSecrets?: boolean;
  /** Extra variables for every child (tests). */
  extraEnv?: Record<string, string>;
  readyTimeoutMs?: number;
  stopTimeoutMs?: number;
  /** Start only the five services (writing their schemas needs no gateway). */
  withoutGateway?: boolean;
  /**
   * Copies of each service (default 1). Above 1 every service instance binds a port the OS picks,
   * the first of each migrates before the others start, and the gateway sends each subgraph's
   * requests to its replicas in turn (docs/adr/0073).
   */
  replicas?: number;
}

export interface PlatformHandle {
  /** e.g. http://127.0.0.1:4000/graphql */
  readonly gatewayUrl: string;
  readonly databaseUrl: string;
  readonly natsUrl: string;
  readonly secrets: DevSecrets;
  /** A process's base URL (no path), e.g. http://127.0.0.1:4002 */
  baseUrl(name: InstanceName): string;
  /** A subgraph's GraphQL URL. */
  serviceUrl(name: InstanceName): string;
  /** Where a process reported another listener, e.g. ('intake', 'smtp') for its SMTP receiver. */
  listenerUrl(name: InstanceName, protocol: string): string;
  /** The operating system's id of a running process (benchmarks read its CPU from /proc). */
  pid(name: InstanceName): number | undefined;
  /** The running copies of a service: `['intake']`, or `['intake', 'intake-2']` with 2 replicas. */
  instances(name: ProcessName): InstanceName[];
  /** Output kept for a process or the launcher (all of it when quiet; the last 200 lines otherwise). */
  logs(name: InstanceName | 'postgres' | 'nats' | 'launcher'): string[];
  stopService(name: InstanceName, signal?: NodeJS.Signals): Promise<void>;
  startService(name: InstanceName): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Where closure notices' survey links point when SURVEY_URL is not set (docs/adr/0085): the web
 * app's survey page on this platform's gateway, so `npm start` asks the question with a link that
 * opens. Not in production (the public address is the deployment's to give), nor with a gateway
 * on a port the OS picks (tests give their own).
 */
export function developmentSurveyUrl(gatewayPort: number, production: boolean): string | undefined {
  return production || gatewayPort === 0 ? undefined : `http://${LOOPBACK}:${gatewayPort}/survey`;
}

/**
 * V8 flags every service and the gateway run with, here and in the images (Dockerfile's
 * NODE_OPTIONS): a young generation of 2 x 32 MiB instead of 2 x 16 MiB, because decoding and
 * validating batches of events makes short-lived objects faster than the default collects cheaply
 * (docs/adr/0066).
 */
export const SERVICE_NODE_ARGS = ['--max-semi-space-size=32'];

const MAX_QUIET_LINES = 5000;
/** How long a restarted process retries the port it had, should another process hold it briefly. */
const REBIND_TIMEOUT_MS = 10_000;

/**
 * The whole platform on one machine: Postgres and NATS (found or started), the five services,
 * then the gateway, each a child process. Used by `npm start` and by end-to-end tests.
 */
export class Platform implements PlatformHandle {
  private readonly rootDir: string;
  private readonly dataDir: string;
  private readonly env: NodeJS.ProcessEnv;
  private readonly processes = new Map<InstanceName, ManagedProcess>();
  /** Ports asked for: fixed (npm start) or 0 (the OS picks); replaced by the bound one when reported. */
  private readonly ports = new Map<InstanceName, number>();
  /** Processes whose port came from the OS: a restart must rebind it (the gateway has its URL). */
  private readonly learnedPorts = new Set<InstanceName>();
  private readonly replicas: number;
  /** Other listeners processes reported, by `<name> <protocol>`. */
  private readonly listeners = new Map<string, string>();
  private readonly captured = new Map<string, string[]>();
  private readonly logFiles = new Map<string, WriteStream>();
  private readonly cleanups: (() => Promise<void>)[] = [];
  private readonly prefixWidth: number;
  private readonly colourOf = new Map<string, number>();
  private stopped = false;
  private started = false;
  private stopping: Promise<void> | undefined;
  private _databaseUrl = '';
  private _natsUrl = '';
  private natsCredentials: NatsEndpoint['credentials'];
  private _secrets: DevSecrets | undefined;

  constructor(private readonly options: LaunchOptions = {}) {
    this.rootDir = options.rootDir ?? findRepoRoot();
    this.dataDir = options.dataDir ?? join(this.rootDir, '.data');
    this.env = options.env ?? process.env;
    this.replicas = options.replicas ?? 1;
    if (!Number.isInteger(this.replicas) || this.replicas < 1 || this.replicas > 16) {
      throw new PlatformError(
        `replicas must be a whole number from 1 to 16, not ${options.replicas}`,
      );
    }
    this.prefixWidth = Math.max(
      ...[...this.allInstances(), 'postgres', 'launcher'].map((n) => n.length),
    );
  }

  instances(name: ProcessName): InstanceName[] {
    if (name === 'gateway') {
      return ['gateway'];
    }
    return Array.from({ length: this.replicas }, (_, i) =>
      i === 0 ? name : (`${name}-${i + 1}` as const),
    );
  }

  private allInstances(): InstanceName[] {
    return [...BACKEND_SERVICES.flatMap((name) => this.instances(name)), 'gateway'];
  }

  /** Production: secrets, Postgres and NATS come from the environment, never made up here. */
  get production(): boolean {
    return this.options.nodeEnv === 'production';
  }

  get gatewayUrl(): string {
    return this.serviceUrl('gateway');
  }
  get databaseUrl(): string {
    return this._databaseUrl;
  }
  get natsUrl(): string {
    return this._natsUrl;
  }

  private get busNamespace(): string {
    return this.options.busNamespace ?? this.env.BUS_NAMESPACE ?? '';
  }
  get secrets(): DevSecrets {
    if (!this._secrets) {
      throw new Error('The platform has not started');
    }
    return this._secrets;
  }

  baseUrl(name: InstanceName): string {
    const port = this.ports.get(name);
    if (!port) {
      throw new Error(`No port for ${name} yet`);
    }
    return `http://${LOOPBACK}:${port}`;
  }

  listenerUrl(name: InstanceName, protocol: string): string {
    const url = this.listeners.get(`${name} ${protocol}`);
    if (!url) {
      throw new Error(`${name} has reported no ${protocol} listener`);
    }
    return url;
  }

  serviceUrl(name: InstanceName): string {
    return `${this.baseUrl(name)}/graphql`;
  }

  pid(name: InstanceName): number | undefined {
    return this.processes.get(name)?.pid;
  }

  logs(name: string): string[] {
    return [
      ...(this.captured.get(name) ??
        this.processes.get(name as InstanceName)?.lastLines(200) ??
        []),
    ];
  }

  async start(): Promise<this> {
    if (this.started) {
      throw new Error('Platform.start() called twice');
    }
    this.started = true;
    // Children run in their own process groups, so nothing else would stop them if we died.
    process.once('exit', this.killOnExit);
    try {
      await this.startInfrastructure();
      this.resolvePorts();
      await this.checkBuilt();
      for (const name of this.allInstances()) {
        this.processes.set(name, this.createProcess(name));
      }
      // The gateway's environment names the services' ports, known once they have bound. The
      // first copy of each service migrates (and seeds) alone; its replicas find nothing to do.
      await Promise.all(BACKEND_SERVICES.map((name) => this.startService(name)));
      await Promise.all(
        BACKEND_SERVICES.flatMap((name) => this.instances(name).slice(1)).map((name) =>
          this.startService(name),
        ),
      );
      if (!this.options.withoutGateway) {
        await this.startService('gateway');
      }
      return this;
    } catch (error) {
      await this.stop();
      throw error;
    }
  }

  async startService(name: InstanceName): Promise<void> {
    const child = this.processOf(name);
    this.abortIfStopped();
    const port = this.ports.get(name) ?? 0;
    if (port !== 0 && !this.learnedPorts.has(name) && !(await this.portFree(name))) {
      throw new PlatformError(
        `Port ${port} for ${name} is already in use — is another \`npm start\` running? Stop it or choose other ports.`,
      );
    }
    // A restart rebinds the port the OS gave the first start, since the gateway (or a test) holds
    // that URL; the OS cannot pick it again, so a port still held for a moment is retried.
    const deadline = Date.now() + REBIND_TIMEOUT_MS;
    for (;;) {
      child.start(this.childEnv(name));
      try {
        await this.waitUntilReady(name, child);
        return;
      } catch (error) {
        const portTaken = !child.running && child.lastLines().some((l) => l.includes('EADDRINUSE'));
        if (!this.learnedPorts.has(name) || !portTaken || Date.now() > deadline) {
          throw error;
        }
        this.say(`port ${port} for ${name} is still taken; trying again`);
        await sleep(250);
      }
    }
  }

  async stopService(name: InstanceName, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    await this.processOf(name).stop(signal, this.options.stopTimeoutMs ?? 10_000);
  }

  /** Gateway, then services, then whatever infrastructure this launcher started. Idempotent. */
  stop(): Promise<void> {
    this.stopped = true;
    this.stopping ??= (async () => {
      process.removeListener('exit', this.killOnExit);
      const timeout = this.options.stopTimeoutMs ?? 10_000;
      await this.processes.get('gateway')?.stop('SIGTERM', timeout);
      await Promise.all(
        BACKEND_SERVICES.flatMap((name) => this.instances(name)).map((name) =>
          this.processes.get(name)?.stop('SIGTERM', timeout),
        ),
      );
      for (const cleanup of this.cleanups.reverse()) {
        await cleanup().catch((error: Error) =>
          this.say(`stopping infrastructure failed: ${error.message}`),
        );
      }
      await Promise.all(
        [...this.logFiles.values()].map((file) => new Promise((done) => file.end(done))),
      );
    })();
    return this.stopping;
  }

  /** For an abrupt launcher exit: nothing can be awaited any more. */
  killAllNow(): void {
    for (const child of this.processes.values()) {
      child.killNow();
    }
  }

  private readonly killOnExit = (): void => this.killAllNow();

  private async startInfrastructure(): Promise<void> {
    const databaseUrl = this.options.databaseUrl ?? this.env.DATABASE_URL;
    const natsUrl = this.options.natsUrl ?? this.env.NATS_URL;
    if (this.production) {
      this._secrets = productionSecrets(this.env, { DATABASE_URL: databaseUrl, NATS_URL: natsUrl });
    }
    mkdirSync(this.dataDir, { recursive: true });
    this._secrets ??= this.options.ephemeralSecrets
      ? generateDevSecrets()
      : loadOrCreateDevSecrets(this.dataDir, this.env);
    const onLine = (name: string, line: string) => this.emit(name, line);

    if (databaseUrl) {
      this._databaseUrl = databaseUrl;
    } else {
      this.say(`starting embedded Postgres (data in ${join(this.dataDir, 'postgres')})`);
      const postgres = await startEmbeddedPostgres(this.dataDir, onLine);
      this.cleanups.push(postgres.stop);
      this._databaseUrl = postgres.url;
    }
    this.abortIfStopped();
    const nats = await ensureNats(
      this.options.ownNats ? undefined : natsUrl,
      this.dataDir,
      onLine,
      {
        port: this.options.ownNats ? 0 : undefined,
        rootDir: this.rootDir,
        namespace: this.busNamespace,
      },
    );
    if (nats.stop) {
      this.cleanups.push(nats.stop);
    }
    this._natsUrl = nats.url;
    this.natsCredentials = nats.credentials;
  }

  private resolvePorts(): void {
    for (const name of [...BACKEND_SERVICES, 'gateway'] as const) {
      const port = this.options.ports?.[name] ?? DEFAULT_PORTS[name];
      // Replicas of a service cannot share its fixed port: the OS picks each one's.
      for (const instance of this.instances(name)) {
        this.ports.set(instance, name !== 'gateway' && this.replicas > 1 ? 0 : port);
      }
    }
  }

  /** A child's `listening` line (see `announceListening` in libs/observability): where it bound. */
  private noteListening(name: InstanceName, line: string): void {
    if (!line.startsWith('{') || !line.includes('"listening"')) {
      return;
    }
    let url: URL;
    try {
      const entry = JSON.parse(line) as { msg?: unknown; url?: unknown; listener?: unknown };
      if (entry.msg !== 'listening' || typeof entry.url !== 'string') {
        return;
      }
      url = new URL(entry.url);
      if (typeof entry.listener === 'string') {
        // Another listener of this process (the gateway's metrics), never its main port.
        this.listeners.set(`${name} ${entry.listener}`, url.toString());
        return;
      }
    } catch {
      return;
    }
    if (url.protocol === 'http:') {
      if (this.ports.get(name) === 0) {
        this.learnedPorts.add(name);
      }
      this.ports.set(name, Number(url.port));
    } else {
      this.listeners.set(`${name} ${url.protocol.replace(/:$/, '')}`, url.toString());
    }
  }

  private async checkBuilt(): Promise<void> {
    const missing = [...BACKEND_SERVICES, 'gateway' as const].filter(
      (name) => !existsSync(this.entryPoint(name)),
    );
    if (missing.length > 0) {
      throw new PlatformError(
        `Not built: ${missing.map((name) => this.entryPoint(name)).join(', ')}. Run \`npm run build\` (npm start does it for you).`,
      );
    }
  }

  private entryPoint(name: ProcessName): string {
    return name === 'gateway'
      ? join(this.rootDir, 'gateway', 'dist', 'main.js')
      : join(this.rootDir, 'services', name, 'dist', 'main.js');
  }

  private createProcess(name: InstanceName): ManagedProcess {
    return new ManagedProcess(
      name,
      {
        command: process.execPath,
        // For profiling: CIVITAS_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" (bench/README.md).
        args: [
          ...SERVICE_NODE_ARGS,
          ...(process.env.CIVITAS_NODE_ARGS ?? '').split(' ').filter(Boolean),
          this.entryPoint(serviceOf(name)),
        ],
        env: {},
        cwd: this.rootDir,
      },
      (processName, line) => {
        this.noteListening(name, line);
        this.emit(processName, line);
      },
      (processName, info) => this.reportExit(processName, info),
    );
  }

  private childEnv(instance: InstanceName): NodeJS.ProcessEnv {
    const name = serviceOf(instance);
    const secrets = this.secrets;
    const common: Record<string, string> = {
      NODE_ENV: this.options.nodeEnv ?? 'development',
      HOST: LOOPBACK,
      PORT: String(this.ports.get(instance)),
      LOG_LEVEL: this.options.logLevel ?? this.env.LOG_LEVEL ?? 'info',
      GATEWAY_SECRET: secrets.GATEWAY_SECRET,
      // Children run in their own process groups; this lets them exit if the launcher is killed.
      SUPERVISOR_PID: String(process.pid),
    };
    // Start from the launcher's environment (PATH, proxies, …) minus what could point a child elsewhere.
    const inherited = { ...process.env };
    const surveyPage = developmentSurveyUrl(this.ports.get('gateway') ?? 0, this.production);
    for (const key of [
      'PORT',
      'DATABASE_NAME',
      'INTAKE_URL',
      'CASES_URL',
      'CITIZENS_URL',
      'ROUTING_URL',
      'ANALYTICS_URL',
    ]) {
      delete inherited[key];
    }
    if (name === 'gateway') {
      const urls = Object.fromEntries(
        BACKEND_SERVICES.map((service) => [
          `${service.toUpperCase()}_URL`,
          // Every replica's URL: the gateway asks them in turn (docs/adr/0073).
          this.instances(service)
            .map((copy) => this.serviceUrl(copy))
            .join(','),
        ]),
      );
      return {
        ...inherited,
        ...common,
        ...urls,
        // Production verifies tokens from the identity provider (AUTH_JWKS_URL): no local key.
        ...(this.production ? {} : { AUTH_DEV_SIGNING_KEY: secrets.AUTH_DEV_SIGNING_KEY }),
        // Metrics on their own loopback port, one the OS picks unless METRICS_PORT says.
        METRICS_PORT: this.env.METRICS_PORT || '0',
        ...this.options.extraEnv,
      };
    }
    return {
      ...inherited,
      ...common,
      DATABASE_URL: this.databaseUrl,
      NATS_URL: this.natsUrl,
      BUS_NAMESPACE: this.busNamespace,
      ...(this.natsCredentials
        ? {
            NATS_USER: this.natsCredentials[name].user,
            NATS_PASSWORD: this.natsCredentials[name].password,
          }
        : {}),
      ...(this.options.databasePrefix
        ? { DATABASE_NAME: `${this.options.databasePrefix}_${name}` }
        : {}),
      ...(PII_SERVICES.includes(name)
        ? { PII_KEYS: secrets.PII_KEYS, PII_HASH_KEY: secrets.PII_HASH_KEY }
        : {}),
      ...(SURVEY_SERVICES.includes(name) && secrets.SURVEY_TOKEN_KEYS
        ? { SURVEY_TOKEN_KEYS: secrets.SURVEY_TOKEN_KEYS }
        : {}),
      ...(name === 'citizens' && !this.env.SURVEY_URL && !inherited.SURVEY_URL && surveyPage
        ? { SURVEY_URL: surveyPage }
        : {}),
      ...this.options.extraEnv,
      // One fixed port for intake's SMTP receiver; its replicas bind one the OS picks.
      ...(instance !== name && this.options.extraEnv?.SMTP_LISTEN_PORT
        ? { SMTP_LISTEN_PORT: '0' }
        : {}),
    };
  }

  private async portFree(name: InstanceName): Promise<boolean> {
    return !(await portAnswers(this.ports.get(name) ?? 0));
  }

  private async waitUntilReady(name: InstanceName, child: ManagedProcess): Promise<void> {
    const timeoutMs = this.options.readyTimeoutMs ?? 90_000;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      this.abortIfStopped();
      if (!child.running) {
        const info = await child.exited;
        throw new PlatformError(
          `${name} exited while starting (${info.signal ?? `code ${info.code}`}). Its last output:\n${indent(child.lastLines())}`,
        );
      }
      if (
        this.ports.get(name) &&
        (await httpStatus(`${this.baseUrl(name)}/health/ready`)) === 200
      ) {
        this.say(`${name} is ready at ${this.baseUrl(name)}`);
        return;
      }
      if (Date.now() > deadline) {
        const where = this.ports.get(name)
          ? `ready at ${this.baseUrl(name)}/health/ready`
          : 'listening (it reported no port)';
        throw new PlatformError(
          `${name} was not ${where} within ${Math.round(timeoutMs / 1000)}s. Its last output:\n${indent(child.lastLines())}`,
        );
      }
      await sleep(250);
    }
  }

  private processOf(name: InstanceName): ManagedProcess {
    const child = this.processes.get(name);
    if (!child) {
      throw new Error(`Unknown or not yet created process: ${name}`);
    }
    return child;
  }

  private abortIfStopped(): void {
    if (this.stopped) {
      throw new PlatformError('The platform was stopped while starting');
    }
  }

  private reportExit(name: string, info: ExitInfo): void {
    if (!this.stopped) {
      this.say(`${name} exited unexpectedly (${info.signal ?? `code ${info.code}`})`);
    }
  }

  private logFileOf(name: string): WriteStream | undefined {
    const dir = this.options.logDir;
    if (!dir) {
      return undefined;
    }
    let file = this.logFiles.get(name);
    if (!file) {
      mkdirSync(dir, { recursive: true });
      file = createWriteStream(join(dir, `${name}.log`), { flags: 'a' });
      this.logFiles.set(name, file);
    }
    return file;
  }

  private say(message: string): void {
    this.emit('launcher', message);
  }

  private emit(name: string, line: string): void {
    this.logFileOf(name)?.write(`${line}\n`);
    if (this.options.quiet) {
      const lines = this.captured.get(name) ?? [];
      lines.push(line);
      if (lines.length > MAX_QUIET_LINES) {
        lines.shift();
      }
      this.captured.set(name, lines);
      return;
    }
    const output = this.options.output ?? process.stdout;
    if (!this.colourOf.has(name)) {
      this.colourOf.set(name, this.colourOf.size);
    }
    const prefix = formatPrefix(name, {
      width: this.prefixWidth,
      colour: Boolean(output.isTTY),
      colourIndex: this.colourOf.get(name),
    });
    output.write(`${prefix}${line}\n`);
  }
}

/** The service an instance is a copy of: `intake-2` → `intake`. */
export function serviceOf(instance: InstanceName): ProcessName {
  return instance.replace(/-\d+$/, '') as ProcessName;
}

function indent(lines: string[]): string {
  return lines.length ? lines.map((line) => `    ${line}`).join('\n') : '    (no output)';
}

/** Starts everything and resolves when the gateway is ready. */
export function launchPlatform(options: LaunchOptions = {}): Promise<PlatformHandle> {
  return new Platform(options).start();
}

/** Variables `NODE_ENV=production npm start` takes from the environment and will not invent. */
export const PRODUCTION_REQUIRED = [
  'GATEWAY_SECRET',
  'PII_KEYS',
  'PII_HASH_KEY',
  'DATABASE_URL',
  'NATS_URL',
] as const;

/**
 * A production platform's secrets, from the environment only: development ones are generated
 * and stored in .data/, which no production deployment may do. Names what is missing, never a
 * value; the services themselves refuse placeholders, short and shared secrets (docs/adr/0042).
 */
function productionSecrets(
  env: NodeJS.ProcessEnv,
  servers: { DATABASE_URL: string | undefined; NATS_URL: string | undefined },
): DevSecrets {
  const given: Record<string, string | undefined> = { ...env, ...servers };
  const missing = PRODUCTION_REQUIRED.filter((name) => !given[name]);
  if (missing.length > 0) {
    throw new PlatformError(
      `NODE_ENV=production: set ${missing.join(', ')}. In production npm start generates no secrets and starts no Postgres or NATS of its own; the gateway also needs AUTH_JWKS_URL, AUTH_ISSUER, AUTH_AUDIENCE and PUBLIC_URL (README, "Production configuration").`,
    );
  }
  return {
    GATEWAY_SECRET: env.GATEWAY_SECRET!,
    AUTH_DEV_SIGNING_KEY: '',
    PII_KEYS: env.PII_KEYS!,
    PII_HASH_KEY: env.PII_HASH_KEY!,
    // Optional: without it closure notices carry no survey link (docs/adr/0060).
    SURVEY_TOKEN_KEYS: env.SURVEY_TOKEN_KEYS ?? '',
  };
}
