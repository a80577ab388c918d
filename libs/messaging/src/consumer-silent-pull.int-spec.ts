import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { Injectable, type LoggerService } from '@nestjs/common';
import type { TestingModule } from '@nestjs/testing';
import { jetstreamManager, type ConsumerMessages } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { CaseStatus, StatusChanged, type StatusChangedV1 } from '@civitas/contracts';
import {
  aStatusChanged,
  compileBusTestModule,
  createMessagingTestDatabase,
  publishEvent,
  startNatsServer,
  uniqueName,
  waitFor,
  type TestDatabase,
  type TestNatsServer,
} from '@civitas/testing';
import type { DataSource } from 'typeorm';
import { eventConsumer } from './consumer-declaration.js';
import { OnEvent, type EventContext, type EventHandler } from './decorators.js';
import { EventConsumers, PULL_EXPIRES_MS } from './event-consumers.js';
import { BusNaming } from './naming.js';
import { NATS_CONNECTION } from './nats.connection.js';
import { ensureDeadLetterStream, ensureEventStream } from './streams.js';
import { TransactionalRepository, type Transaction } from './unit-of-work.js';

const counting = eventConsumer(StatusChanged, 'probe-silent-counting', { deliver: 'all' });

class AppliedRepository extends TransactionalRepository {
  async record(tx: Transaction, ticket: string): Promise<void> {
    await this.managerOf(tx).query('INSERT INTO applied (ticket) VALUES ($1)', [ticket]);
  }
}
const applied = new AppliedRepository();

/** Tickets whose first delivery waits for the test to let it go, then fails. */
const holding = new Map<string, Promise<void>>();

@Injectable()
@OnEvent(counting)
class CountingHandler implements EventHandler<StatusChangedV1> {
  async handle(payload: StatusChangedV1, { tx }: EventContext<StatusChangedV1>): Promise<void> {
    const held = holding.get(payload.ticketNumber);
    if (held) {
      holding.delete(payload.ticketNumber);
      await held;
      throw new Error(`${payload.ticketNumber} failed once`);
    }
    await applied.record(tx, payload.ticketNumber);
  }
}

class CapturingLogger implements LoggerService {
  readonly warnings: unknown[] = [];
  log() {}
  error() {}
  warn(message: unknown) {
    this.warnings.push(message);
  }
}

const event = (ticketNumber: string): StatusChangedV1 =>
  aStatusChanged().withTicketNumber(ticketNumber).to(CaseStatus.CLOSED).build();

/**
 * The chaos run (docs/adr/0077, 0090) saw analytics stop applying events after the NATS server was
 * restarted under it, while the other services caught up, until analytics was restarted. Here a
 * consumer runs on a nats-server of the test's own, which is restarted (SIGTERM, same port and
 * store) while events keep coming; and a consumer whose pull went silent is found by the watchdog
 * even while an event of it waits to be delivered again.
 */
describe("event consumers whose pull is lost (real Postgres and a nats-server of the test's own)", () => {
  let server: TestNatsServer;
  let db: TestDatabase;
  let sql: DataSource;
  let publisher: NatsConnection;
  let moduleRef: TestingModule | undefined;
  let namespace: string;

  beforeAll(async () => {
    server = await startNatsServer();
    db = await createMessagingTestDatabase('messaging_silent_pull');
    sql = await db.dataSource();
    await sql.query('CREATE TABLE applied (ticket text NOT NULL)');
    publisher = await connect({
      servers: server.url,
      maxReconnectAttempts: -1,
      reconnectTimeWait: 100,
    });
  });

  afterEach(async () => {
    await moduleRef?.close().catch(() => undefined);
    moduleRef = undefined;
  });

  afterAll(async () => {
    await publisher?.close().catch(() => undefined);
    await db?.drop();
    await server?.dispose();
  });

  const start = async (logger: LoggerService, consumerWatchdogMs?: number) => {
    namespace = uniqueName('ns');
    const jsm = await jetstreamManager(publisher);
    const naming = new BusNaming(namespace);
    await ensureEventStream(jsm, naming, 'cases');
    await ensureDeadLetterStream(jsm, naming);
    moduleRef = await compileBusTestModule({
      database: db,
      service: 'cases',
      namespace,
      natsUrl: server.url,
      consumers: [counting],
      providers: [CountingHandler],
      consumerWatchdogMs,
      logger,
    });
    await moduleRef.init();
    return moduleRef.get(EventConsumers);
  };

  const appliedTickets = async (prefix: string) =>
    (
      await sql.query<{ ticket: string }[]>(
        'SELECT ticket FROM applied WHERE ticket LIKE $1 ORDER BY ticket',
        [`${prefix}%`],
      )
    ).map((r) => r.ticket);

  /** Publishes, trying again while the server is away (as a service's outbox relay does). */
  const publish = (ticket: string) =>
    waitFor(
      () => publishEvent(publisher, namespace, StatusChanged, event(ticket)).then(() => true),
      { what: `${ticket} published`, intervalMs: 100 },
    );

  it('applies every event published after the server restarted, the service still running', async () => {
    await start(new CapturingLogger());
    const sent: string[] = [];
    for (let i = 0; i < 5; i++) {
      sent.push(`R-0-${i}`);
      await publish(sent.at(-1)!);
    }
    await waitFor(async () => (await appliedTickets('R-')).length === sent.length, {
      what: 'the events before the restart applied',
    });

    for (let round = 1; round <= 2; round++) {
      await server.stop();
      await server.start();
      for (let i = 0; i < 5; i++) {
        sent.push(`R-${round}-${i}`);
        await publish(sent.at(-1)!);
      }
    }

    await waitFor(async () => (await appliedTickets('R-')).length >= sent.length, {
      what: `every event applied (${sent.length})`,
    });
    expect(await appliedTickets('R-')).toEqual([...sent].sort());
  });

  it('pulls again when its pull went silent while an event waits to be delivered again', async () => {
    const logger = new CapturingLogger();
    const consumers = await start(logger, 1000);
    let release!: () => void;
    holding.set(
      'S-1',
      new Promise<void>((resolve) => {
        release = resolve;
      }),
    );
    await publish('S-1');
    await waitFor(async () => !holding.has('S-1'), { what: 'S-1 being applied' });
    // What a pull lost in a NATS restart looks like to the client (docs/adr/0090): the server
    // holds no pull of the consumer and nothing reaches it, yet its iterator never ends. S-1 then
    // fails, so it waits to be delivered again (unacknowledged) with nothing to deliver it to.
    const running = (consumers as unknown as { running: { messages: ConsumerMessages }[] })
      .running[0].messages as unknown as {
      sub: { unsubscribe(): void };
      clearTimers(): void;
    };
    running.clearTimers();
    running.sub.unsubscribe();
    // The server has taken the unsubscribe before S-2 is published (another connection): else it
    // may hand S-2 to the dead pull, where it waits out the 30 s ack wait (seen once under load).
    await moduleRef!.get<NatsConnection>(NATS_CONNECTION).flush();
    release();
    await publish('S-2');

    await waitFor(async () => (await appliedTickets('S-')).length === 2, {
      what: 'S-1 and S-2 applied',
      timeoutMs: 45_000,
    });
    expect(await appliedTickets('S-')).toEqual(['S-1', 'S-2']);
    expect(logger.warnings).toContainEqual(
      expect.objectContaining({
        msg: 'consumer received nothing while events wait for it; pulling again',
        consumer: counting.durable,
      }),
    );
  });

  it('leaves no pulls behind on the server when its connection drops and comes back, or the server restarts', async () => {
    await start(new CapturingLogger());
    const connection = moduleRef!.get<NatsConnection>(NATS_CONNECTION);
    const stream = new BusNaming(namespace).stream(StatusChanged.owner);
    const pullsWaiting = async () =>
      (await (await jetstreamManager(publisher)).consumers.info(stream, counting.durable))
        .num_waiting;
    await waitFor(async () => (await pullsWaiting()) === 1, { what: "the consumer's pull" });

    // The chaos run ended with 83 pulls waiting on one consumer (docs/adr/0097). A
    // restarted server holds none; a connection that drops and comes back to a running server
    // finds the old pulls still there, and the client, pulling again on the same inbox, renewed
    // each of them whenever it expired.
    const sent: string[] = [];
    let peak = 0;
    for (let round = 0; round < 6; round++) {
      if (round === 0) {
        await server.stop();
        await server.start();
      } else {
        const back = (async () => {
          for await (const status of connection.status()) {
            if (status.type === 'reconnect') {
              return;
            }
          }
        })();
        await connection.reconnect();
        await back;
      }
      sent.push(`W-${round}`);
      await publish(sent.at(-1)!);
      peak = Math.max(peak, await pullsWaiting());
    }
    await waitFor(async () => (await appliedTickets('W-')).length === sent.length, {
      what: `every event applied (${sent.length})`,
      timeoutMs: 60_000,
    });
    expect(await appliedTickets('W-')).toEqual(sent);
    // Never more than the one pull of the current subscription (main's code: 2 to 4 here, each
    // left behind renewing itself on expiry), nor once a pull's expiry has passed.
    expect(peak).toBeLessThanOrEqual(1);
    await new Promise((r) => setTimeout(r, PULL_EXPIRES_MS + 1_000));
    expect(await pullsWaiting()).toBeLessThanOrEqual(1);
  });
});
