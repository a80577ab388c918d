import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { CaseOpened, ResolveIdentity, SubmissionAccepted } from '@civitas/contracts';
import { BUS_SERVICES, BusNaming, connectNats, type BusService } from '@civitas/messaging';
import { natsAuthorizationConfig, natsPasswordVariable } from './nats-auth.js';
import { ensureNats, findNatsServer, type NatsEndpoint } from './nats.js';
import { findRepoRoot } from './repo-root.js';

/**
 * The nats-server the launcher starts when none runs (docs/adr/0046), on a port of its own: the
 * machine's shared NATS has no users. Each service connects as itself, as libs/messaging does.
 */
describe('NATS: each service publishes and subscribes only to what is its own', () => {
  const namespace = 'perm';
  const naming = new BusNaming(namespace);
  const serverLog: string[] = [];
  let dir: string;
  let nats: NatsEndpoint;
  const connections: NatsConnection[] = [];

  const as = async (service: BusService): Promise<NatsConnection> => {
    const nc = await connectNats(nats.url, service, {
      user: service,
      pass: nats.credentials![service].password,
    });
    connections.push(nc);
    return nc;
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'nats-permissions-'));
    nats = await ensureNats(undefined, dir, (_name, line) => serverLog.push(line), {
      port: 0,
      rootDir: findRepoRoot(),
      namespace,
    });
  });

  afterAll(async () => {
    await Promise.all(connections.map((nc) => nc.close()));
    await nats?.stop?.();
    await rm(dir, { recursive: true, force: true });
  });

  it('refuses intake publishing a cases event, and takes it from cases', async () => {
    const cases = await as('cases');
    const jsm = await jetstreamManager(cases);
    await jsm.streams.add({
      name: naming.stream('cases'),
      subjects: naming.streamSubjects('cases'),
    });
    const subject = naming.subject(CaseOpened.subject);

    const intake = await as('intake');
    await expect(jetstream(intake).publish(subject, '{}', { timeout: 5000 })).rejects.toThrow(
      `Permissions Violation for Publish to "${subject}"`,
    );
    await expect(jetstream(intake).publish(naming.subject('cases.evt.x'))).rejects.toThrow(
      'Permissions Violation',
    );
    const ack = await jetstream(cases).publish(subject, '{}');
    expect(ack.stream).toBe(naming.stream('cases'));
    expect((await jsm.streams.info(naming.stream('cases'))).state.messages).toBe(1);
    expect(serverLog.join('\n')).toContain(
      `Publish Violation - User "intake", Subject "${subject}"`,
    );
  });

  it('lets intake publish its own events to its own stream', async () => {
    const intake = await as('intake');
    const jsm = await jetstreamManager(intake);
    await jsm.streams.add({
      name: naming.stream('intake'),
      subjects: naming.streamSubjects('intake'),
    });
    const ack = await jetstream(intake).publish(naming.subject(SubmissionAccepted.subject), '{}');
    expect(ack.seq).toBe(1);
  });

  it('lets a caller named by a request contract ask, and its owner answer; no one else', async () => {
    const citizens = await as('citizens');
    const subject = naming.subject(ResolveIdentity.subject);
    const sub = citizens.subscribe(subject, { queue: 'citizens' });
    void (async () => {
      for await (const msg of sub) {
        msg.respond('{"answered":true}');
      }
    })();
    await citizens.flush();
    const cases = await as('cases');
    expect((await cases.request(subject, '{}', { timeout: 5000 })).json()).toEqual({
      answered: true,
    });
    const routing = await as('routing');
    await expect(routing.request(subject, '{}', { timeout: 5000 })).rejects.toThrow(
      'Permissions Violation',
    );
  });

  it('keeps each service out of the others’ replies and off the server without a password', async () => {
    const intake = await as('intake');
    const refused = new Promise<string>((resolve) => {
      void (async () => {
        for await (const status of intake.status()) {
          if (status.type === 'error') {
            resolve(String((status as { error?: Error }).error?.message));
          }
        }
      })();
    });
    intake.subscribe('_INBOX.cases.>');
    await intake.flush();
    expect(await refused).toContain('Permissions Violation for Subscription to "_INBOX.cases.>"');
    await expect(connect({ servers: nats.url, reconnect: false })).rejects.toThrow(
      /Authorization/i,
    );
  });

  it('writes the passwords to a file only its owner reads', async () => {
    const file = join(dir, 'nats', 'authorization.conf');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await readFile(file, 'utf8')).toContain(nats.credentials!.intake.password);
  });

  it('prints a production block nats-server accepts, each password from the environment', async () => {
    const file = join(dir, 'production.conf');
    await writeFile(
      file,
      natsAuthorizationConfig({
        rootDir: findRepoRoot(),
        namespace: '',
        password: (service) => ({ env: natsPasswordVariable(service) }),
        operator: { user: 'ops', password: { env: 'CIVITAS_NATS_PASSWORD_OPERATOR' } },
      }),
    );
    const check = (env: NodeJS.ProcessEnv) =>
      new Promise<{ ok: boolean; output: string }>((resolve) => {
        execFile(findNatsServer()!, ['-t', '-c', file], { env }, (error, stdout, stderr) =>
          resolve({ ok: !error, output: `${stdout}${stderr}` }),
        );
      });
    const passwords = Object.fromEntries(
      [...BUS_SERVICES.map(natsPasswordVariable), 'CIVITAS_NATS_PASSWORD_OPERATOR'].map((v) => [
        v,
        'secret',
      ]),
    );
    expect(await check({ PATH: process.env.PATH, ...passwords })).toMatchObject({ ok: true });
    const without = await check({ PATH: process.env.PATH });
    expect(without.ok).toBe(false);
    expect(without.output).toContain('CIVITAS_NATS_PASSWORD_');
  });
});
