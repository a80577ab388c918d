import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  BACKEND_SERVICES,
  launchPlatform,
  type InstanceName,
  type PlatformHandle,
} from './launch-platform.js';
import { httpStatus } from './net.js';

/**
 * The launcher against stand-in services: tiny HTTP servers with the services' contract (HOST,
 * PORT (0: the OS picks), a \`listening\` line with the bound URL, /health/ready, JSON log lines,
 * exit on SIGTERM). `FAKE_MODE` makes one misbehave.
 */
const FAKE_SERVICE = `
import { createServer } from 'node:http';
const name = '__NAME__';
if (process.env.FAKE_MODE === 'crash:' + name) {
  console.log(JSON.stringify({ level: 'error', msg: 'cannot connect to the database' }));
  process.exit(3);
}
const server = createServer((req, res) => {
  if (req.url === '/health/ready') {
    res.writeHead(process.env.FAKE_MODE === 'never-ready:' + name ? 503 : 200).end('{}');
  } else if (req.url === '/env') {
    const { PORT, DATABASE_URL, DATABASE_NAME, NATS_URL, BUS_NAMESPACE, NODE_ENV, PII_KEYS, GATEWAY_SECRET, AUTH_DEV_SIGNING_KEY, CASES_URL } = process.env;
    res.writeHead(200).end(JSON.stringify({ PORT, DATABASE_URL, DATABASE_NAME, NATS_URL, BUS_NAMESPACE, NODE_ENV, PII_KEYS, GATEWAY_SECRET, AUTH_DEV_SIGNING_KEY, CASES_URL }));
  } else {
    res.writeHead(404).end();
  }
});
server.listen(Number(process.env.PORT), process.env.HOST, () => {
  if (process.env.FAKE_MODE === 'silent:' + name) return;
  console.log(JSON.stringify({ level: 'info', msg: 'listening', service: name, url: 'http://' + process.env.HOST + ':' + server.address().port + '/graphql' }));
  if (name === 'intake') {
    console.log(JSON.stringify({ level: 'info', msg: 'listening', service: name, url: 'smtp://' + process.env.HOST + ':2599' }));
  }
  if (name === 'gateway' && process.env.METRICS_PORT !== undefined) {
    const metrics = createServer((req, res) => res.writeHead(req.url === '/metrics' ? 200 : 404).end('up 1'));
    metrics.unref();
    metrics.listen(Number(process.env.METRICS_PORT), '127.0.0.1', () => {
      console.log(JSON.stringify({ level: 'info', msg: 'listening', service: name, listener: 'metrics', url: 'http://127.0.0.1:' + metrics.address().port + '/metrics' }));
    });
  }
});
process.on('SIGTERM', () => { console.log(JSON.stringify({ msg: 'stopping' })); server.close(() => process.exit(0)); });
`;

function fakeRepo(): string {
  const root = mkdtempSync(join(tmpdir(), 'civitas-launcher-'));
  writeFileSync(
    join(root, 'package.json'),
    JSON.stringify({ workspaces: ['services/*', 'gateway'] }),
  );
  for (const name of [...BACKEND_SERVICES, 'gateway']) {
    const dist =
      name === 'gateway' ? join(root, 'gateway', 'dist') : join(root, 'services', name, 'dist');
    mkdirSync(dist, { recursive: true });
    // The launcher runs dist/main.js; as ESM it needs "type":"module" beside it.
    writeFileSync(join(dist, 'package.json'), '{"type":"module"}');
    writeFileSync(join(dist, 'main.js'), FAKE_SERVICE.replace('__NAME__', name));
  }
  return root;
}

const options = (root: string, extraEnv: Record<string, string> = {}) => ({
  rootDir: root,
  dataDir: join(root, '.data'),
  databaseUrl: 'postgres://postgres@127.0.0.1:5432/postgres',
  natsUrl: 'nats://127.0.0.1:4222',
  ports: { gateway: 0, intake: 0, cases: 0, citizens: 0, routing: 0, analytics: 0 },
  busNamespace: 'launcher-test',
  databasePrefix: 'lt',
  nodeEnv: 'test' as const,
  quiet: true,
  ephemeralSecrets: true,
  // Generous: five node processes start at once on what may be a busy machine.
  readyTimeoutMs: 30_000,
  stopTimeoutMs: 3_000,
  extraEnv,
});

const envOf = async (platform: PlatformHandle, name: InstanceName) =>
  (await (await fetch(`${platform.baseUrl(name)}/env`)).json()) as Record<
    string,
    string | undefined
  >;

describe('launchPlatform', () => {
  let root: string;
  let platform: PlatformHandle;

  beforeAll(async () => {
    root = fakeRepo();
    platform = await launchPlatform(options(root));
  });

  afterAll(async () => {
    await platform?.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('starts every service and then the gateway, wiring their environment', async () => {
    expect(await httpStatus(`${platform.baseUrl('gateway')}/health/ready`)).toBe(200);
    const cases = await envOf(platform, 'cases');
    expect(cases).toMatchObject({
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/postgres',
      DATABASE_NAME: 'lt_cases',
      NATS_URL: 'nats://127.0.0.1:4222',
      BUS_NAMESPACE: 'launcher-test',
      NODE_ENV: 'test',
      GATEWAY_SECRET: platform.secrets.GATEWAY_SECRET,
    });
    expect(cases.PII_KEYS).toBeUndefined();
    expect((await envOf(platform, 'citizens')).PII_KEYS).toBe(platform.secrets.PII_KEYS);
    const gateway = await envOf(platform, 'gateway');
    expect(gateway.CASES_URL).toBe(platform.serviceUrl('cases'));
    expect(gateway.AUTH_DEV_SIGNING_KEY).toBe(platform.secrets.AUTH_DEV_SIGNING_KEY);
    expect(platform.gatewayUrl).toBe(`${platform.baseUrl('gateway')}/graphql`);
  });

  it('keeps quiet output in memory per process', () => {
    expect(platform.logs('cases').some((line) => line.includes('"msg":"listening"'))).toBe(true);
  });

  it('kills one service and brings it back on the same port', async () => {
    await platform.stopService('cases');
    expect(await httpStatus(`${platform.baseUrl('cases')}/health/ready`)).toBeNull();
    await platform.startService('cases');
    expect(await httpStatus(`${platform.baseUrl('cases')}/health/ready`)).toBe(200);
  });

  it('learns the port each process bound, and other listeners it reports', () => {
    const ports = [...BACKEND_SERVICES, 'gateway' as const].map((name) =>
      Number(new URL(platform.baseUrl(name)).port),
    );
    expect(ports.every((port) => port > 0)).toBe(true);
    expect(new Set(ports).size).toBe(ports.length);
    expect(platform.listenerUrl('intake', 'smtp')).toBe('smtp://127.0.0.1:2599');
    expect(() => platform.listenerUrl('cases', 'smtp')).toThrow(/cases has reported no smtp/);
  });

  it('learns where the gateway serves metrics, apart from its main port', async () => {
    const metrics = platform.listenerUrl('gateway', 'metrics');
    expect(metrics).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
    expect(new URL(metrics).port).not.toBe(new URL(platform.baseUrl('gateway')).port);
    expect(await httpStatus(metrics)).toBe(200);
    expect(await httpStatus(`${platform.baseUrl('gateway')}/health/ready`)).toBe(200);
  });

  it('brings a service back on its port once another process lets go of it', async () => {
    const before = platform.baseUrl('routing');
    await platform.stopService('routing');
    // Another process holding the port, answering nothing.
    const squatter = createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) =>
      squatter.listen(Number(new URL(before).port), '127.0.0.1', resolve),
    );
    const restarted = platform.startService('routing');
    // The port is let go only once the launcher has found it taken and is trying again.
    const deadline = Date.now() + 30_000;
    while (!platform.logs('launcher').some((line) => line.includes('still taken'))) {
      if (Date.now() > deadline) {
        squatter.close();
        throw new Error('the launcher never reported the port taken');
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    squatter.close();
    await restarted;
    expect(platform.baseUrl('routing')).toBe(before);
    expect(await httpStatus(`${before}/health/ready`)).toBe(200);
  });

  it('stops everything', async () => {
    const urls = [...BACKEND_SERVICES, 'gateway' as const].map(
      (name) => `${platform.baseUrl(name)}/health/live`,
    );
    await platform.stop();
    for (const url of urls) {
      expect(await httpStatus(url)).toBeNull();
    }
  });
});

describe('launchPlatform failures', () => {
  let root: string;
  beforeAll(() => {
    root = fakeRepo();
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  /** Stops the platform should it start after all, so a failing test leaves no processes behind. */
  const launchExpectingFailure = (opts: ReturnType<typeof options>) =>
    launchPlatform(opts).then(async (platform) => {
      await platform.stop();
      return platform;
    });

  it('names a service that exits while starting, with its last output', async () => {
    await expect(
      launchExpectingFailure(options(root, { FAKE_MODE: 'crash:routing' })),
    ).rejects.toThrow(
      /routing exited while starting \(code 3\)\. Its last output:\n.*cannot connect to the database/,
    );
  });

  it('names a service that never becomes ready', async () => {
    await expect(
      launchExpectingFailure({
        ...options(root, { FAKE_MODE: 'never-ready:analytics' }),
        // Long enough for the other four to start on a busy machine, so only this one times out.
        readyTimeoutMs: 8_000,
      }),
    ).rejects.toThrow(
      /analytics was not ready at http:\/\/127\.0\.0\.1:\d+\/health\/ready within 8s/,
    );
  });

  it('names a service that never says where it listens', async () => {
    await expect(
      launchExpectingFailure({
        ...options(root, { FAKE_MODE: 'silent:cases' }),
        // Long enough for the other four to start on a busy machine, so only this one times out.
        readyTimeoutMs: 8_000,
      }),
    ).rejects.toThrow(/cases was not listening \(it reported no port\) within 8s/);
  });
});

describe('launchPlatform with NODE_ENV=production', () => {
  let root: string;
  const secrets = {
    GATEWAY_SECRET: 'production-gateway-secret-Qm3x9VtL2pR8sK4w',
    PII_KEYS: `p1:${Buffer.from('0123456789abcdefghijklmnopqrstuv').toString('base64')}`,
    PII_HASH_KEY: Buffer.from('ZYXWVUTSRQPONMLKJIHGFEDCBA987654').toString('base64'),
  };

  beforeAll(() => {
    root = fakeRepo();
  });

  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('runs every process in production, with the secrets given and no development key', async () => {
    const platform = await launchPlatform({
      ...options(root),
      nodeEnv: 'production',
      ephemeralSecrets: false,
      env: secrets,
    });
    try {
      const cases = await envOf(platform, 'cases');
      expect(cases).toMatchObject({
        NODE_ENV: 'production',
        GATEWAY_SECRET: secrets.GATEWAY_SECRET,
      });
      expect((await envOf(platform, 'intake')).PII_KEYS).toBe(secrets.PII_KEYS);
      const gateway = await envOf(platform, 'gateway');
      expect(gateway.NODE_ENV).toBe('production');
      expect(gateway.AUTH_DEV_SIGNING_KEY).toBeUndefined();
      // Nothing generated, nothing written beside the data.
      expect(existsSync(join(root, '.data', 'dev-secrets.json'))).toBe(false);
    } finally {
      await platform.stop();
    }
  });

  it('refuses to start without its secrets, naming them and starting nothing', async () => {
    await expect(
      launchPlatform({
        ...options(root),
        nodeEnv: 'production',
        ephemeralSecrets: false,
        env: { PII_KEYS: secrets.PII_KEYS },
      }),
    ).rejects.toThrow(/^NODE_ENV=production: set GATEWAY_SECRET, PII_HASH_KEY\. /);
    expect(existsSync(join(root, '.data', 'dev-secrets.json'))).toBe(false);
  });
});

describe('launchPlatform with replicas', () => {
  it('runs two copies of each service on ports the OS picks, and names both to the gateway', async () => {
    const root = fakeRepo();
    // Fixed ports asked for the services: replicas cannot share them, so the OS picks every one.
    const platform = await launchPlatform({
      ...options(root),
      ports: { gateway: 0 },
      replicas: 2,
    });
    try {
      const urls = BACKEND_SERVICES.flatMap((name) => platform.instances(name)).map((name) =>
        platform.baseUrl(name),
      );
      expect(urls).toHaveLength(10);
      expect(new Set(urls).size).toBe(10);
      expect(platform.instances('cases')).toEqual(['cases', 'cases-2']);
      expect(platform.instances('gateway')).toEqual(['gateway']);
      expect(await envOf(platform, 'cases-2')).toMatchObject({ DATABASE_NAME: 'lt_cases' });
      expect((await envOf(platform, 'gateway')).CASES_URL).toBe(
        `${platform.serviceUrl('cases')},${platform.serviceUrl('cases-2')}`,
      );
      // The first copy of each service was ready before any second copy started.
      const launcher = platform.logs('launcher');
      const lastFirst = Math.max(
        ...BACKEND_SERVICES.map((name) =>
          launcher.findIndex((l) => l.startsWith(`${name} is ready`)),
        ),
      );
      const firstSecond = Math.min(
        ...BACKEND_SERVICES.map((name) =>
          launcher.findIndex((l) => l.startsWith(`${name}-2 is ready`)),
        ),
      );
      expect(lastFirst).toBeGreaterThanOrEqual(0);
      expect(firstSecond).toBeGreaterThan(lastFirst);
      await platform.stopService('cases-2');
      expect(await httpStatus(`${platform.baseUrl('cases')}/health/ready`)).toBe(200);
    } finally {
      await platform.stop();
      rmSync(root, { recursive: true, force: true });
    }
  });
});
