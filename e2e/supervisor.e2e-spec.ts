import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, describe, expect, it } from '@jest/globals';
import { connect } from '@nats-io/transport-node';
import {
  deleteNamespaceStreams,
  TEST_GATEWAY_SECRET,
  testDatabaseServerUrl,
  testNatsUrl,
  uniqueName,
  waitFor,
} from '@civitas/testing';
import pg from 'pg';

/**
 * `npm start` runs each service in its own process group (so Ctrl-C reaches only the launcher,
 * which stops them in order). If the launcher is killed outright, its services must not live on.
 */
describe('a service whose launcher is killed', () => {
  const database = uniqueName('civitas_sup');
  const namespace = uniqueName('ns');
  const children: ChildProcess[] = [];

  afterAll(async () => {
    for (const child of children) {
      child.kill('SIGKILL');
    }
    const admin = new pg.Client({ connectionString: testDatabaseServerUrl() });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await admin.end();
    const nc = await connect({ servers: testNatsUrl() });
    await deleteNamespaceStreams(nc, namespace);
    await nc.close();
  });

  it('shuts itself down', async () => {
    const launcher = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], {
      stdio: 'ignore',
    });
    children.push(launcher);
    const service = spawn(process.execPath, ['services/routing/dist/main.js'], {
      env: {
        ...process.env,
        NODE_ENV: 'test',
        DATABASE_URL: testDatabaseServerUrl(),
        DATABASE_NAME: database,
        NATS_URL: testNatsUrl(),
        BUS_NAMESPACE: namespace,
        GATEWAY_SECRET: TEST_GATEWAY_SECRET,
        PORT: '0',
        LOG_LEVEL: 'info',
        SUPERVISOR_PID: String(launcher.pid),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(service);
    let output = '';
    service.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) =>
      service.once('exit', (code) => resolve(code)),
    );
    await waitFor(async () => output.includes('"msg":"listening"'), {
      timeoutMs: 60_000,
      what: 'routing to listen',
    });

    launcher.kill('SIGKILL');

    expect(await exited).toBe(0);
    expect(output).toContain('supervisor is gone');
  });
});
