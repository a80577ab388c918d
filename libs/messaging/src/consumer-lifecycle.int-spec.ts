import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { Injectable, type LoggerService, type Type } from '@nestjs/common';
import type { TestingModule } from '@nestjs/testing';
import {
  AckPolicy,
  DeliverPolicy,
  jetstreamManager,
  type JetStreamManager,
} from '@nats-io/jetstream';
import { nanos, type NatsConnection } from '@nats-io/transport-node';
import {
  CaseStatus,
  ResolveIdentity,
  StatusChanged,
  type StatusChangedV1,
} from '@civitas/contracts';
import {
  aStatusChanged,
  publishEvent,
  respondAs,
  startBusTestBed,
  waitFor,
  type BusTestBed,
} from '@civitas/testing';
import type { DataSource } from 'typeorm';
import { BusClient } from './bus.client.js';
import { eventConsumer, type ConsumerDeclaration } from './consumer-declaration.js';
import { EventConsumers } from './event-consumers.js';
import { OnEvent, type EventContext, type EventHandler } from './decorators.js';
import { BusNaming } from './naming.js';
import { NATS_CONNECTION } from './nats.connection.js';
import { TransactionalRepository, type Transaction } from './unit-of-work.js';
import { ensureDeadLetterStream, ensureEventStream } from './streams.js';

/** Sealed-looking contact per ticket: the test's citizens only counts what it is asked. */
const sealedFor = (ticket: string) =>
  `v1:dev1:aXYtaXYtaXYt:dGFnLXRhZy10YWc:${Buffer.from(ticket).toString('base64url')}`;

let failOn: string | null = null;

const resolving = eventConsumer(StatusChanged, 'probe-resolving', { deliver: 'all' });
const requestingInside = eventConsumer(StatusChanged, 'probe-requesting-inside', {
  deliver: 'all',
});
const fromAll = eventConsumer(StatusChanged, 'probe-from-all', { deliver: 'all' });
const fromNew = eventConsumer(StatusChanged, 'probe-from-new', { deliver: 'new' });

/** What each probe consumer applied, written in its transaction as a service's repository would. */
class AppliedRepository extends TransactionalRepository {
  async record(tx: Transaction, durable: string, ticket: string): Promise<void> {
    await this.managerOf(tx).query('INSERT INTO applied (consumer, ticket) VALUES ($1, $2)', [
      durable,
      ticket,
    ]);
  }
}

const applied = new AppliedRepository();
const record = (tx: Transaction, durable: string, ticket: string) =>
  applied.record(tx, durable, ticket);

/** Asks "citizens" before the transaction, then applies; fails to apply one chosen ticket. */
@Injectable()
@OnEvent(resolving)
class ResolvingHandler implements EventHandler<StatusChangedV1, string | null> {
  constructor(private readonly bus: BusClient) {}

  async prepare(payload: StatusChangedV1): Promise<string | null> {
    const reply = await this.bus.request(ResolveIdentity, {
      sealedContact: sealedFor(payload.ticketNumber),
    });
    return reply.citizenId;
  }

  async handle(
    payload: StatusChangedV1,
    { tx, prepared }: EventContext<StatusChangedV1, string | null>,
  ): Promise<void> {
    if (payload.ticketNumber === failOn) {
      throw new Error(`cannot apply ${payload.ticketNumber}`);
    }
    await record(tx, resolving.durable, `${payload.ticketNumber}:${prepared}`);
  }
}

/** The mistake the consumer must refuse: a request to another service inside the transaction. */
@Injectable()
@OnEvent(requestingInside)
class RequestingInsideHandler implements EventHandler<StatusChangedV1> {
  constructor(private readonly bus: BusClient) {}

  async handle(payload: StatusChangedV1): Promise<void> {
    await this.bus.request(ResolveIdentity, { sealedContact: sealedFor(payload.ticketNumber) });
  }
}

@Injectable()
@OnEvent(fromAll)
class FromAllHandler implements EventHandler<StatusChangedV1> {
  async handle(payload: StatusChangedV1, { tx }: EventContext<StatusChangedV1>): Promise<void> {
    await record(tx, fromAll.durable, payload.ticketNumber);
  }
}

@Injectable()
@OnEvent(fromNew)
class FromNewHandler implements EventHandler<StatusChangedV1> {
  async handle(payload: StatusChangedV1, { tx }: EventContext<StatusChangedV1>): Promise<void> {
    await record(tx, fromNew.durable, payload.ticketNumber);
  }
}

/** Keeps what the consumers log, to check what an operator would read. */
class CapturingLogger implements LoggerService {
  readonly lines: { level: string; message: unknown }[] = [];
  log(message: unknown) {
    this.lines.push({ level: 'log', message });
  }
  warn(message: unknown) {
    this.lines.push({ level: 'warn', message });
  }
  error(message: unknown) {
    this.lines.push({ level: 'error', message });
  }
  messages(level: string) {
    return this.lines.filter((l) => l.level === level).map((l) => l.message);
  }
}

const event = (ticketNumber: string): StatusChangedV1 =>
  aStatusChanged().withTicketNumber(ticketNumber).to(CaseStatus.CLOSED).build();

describe('event consumers: declared, reconciled, resolved before the transaction (real Postgres and NATS)', () => {
  let bus: BusTestBed;
  let nc: NatsConnection;
  let jsm: JetStreamManager;
  let sql: DataSource;
  const running: TestingModule[] = [];

  beforeAll(async () => {
    bus = await startBusTestBed('messaging_lifecycle');
    nc = bus.nc;
    sql = await bus.db.dataSource();
    await sql.query('CREATE TABLE applied (consumer text NOT NULL, ticket text NOT NULL)');
    jsm = await jetstreamManager(nc);
  });

  afterEach(async () => {
    failOn = null;
    while (running.length > 0) {
      // A module that refused to start may not close cleanly; its test has said what it needed.
      await running
        .pop()!
        .close()
        .catch(() => undefined);
    }
  });

  afterAll(async () => {
    await bus?.close();
  });

  /** A fresh bus namespace whose `cases` stream already exists, so events can wait in it. */
  const freshNamespace = async () => {
    const namespace = bus.freshNamespace();
    const naming = new BusNaming(namespace);
    await ensureEventStream(jsm, naming, 'cases');
    await ensureDeadLetterStream(jsm, naming);
    return { namespace, naming };
  };

  const start = async (
    namespace: string,
    handlers: Type[],
    consumers: ConsumerDeclaration[],
    { logger = new CapturingLogger(), maxDeliver = 3 } = {},
  ) => {
    const moduleRef = await bus.compile({
      service: 'cases',
      namespace,
      consumers,
      providers: handlers,
      maxDeliver,
      logger,
    });
    running.push(moduleRef);
    await moduleRef.init();
    return { moduleRef, logger };
  };

  const appliedBy = async (durable: string, prefix: string) =>
    (
      await sql.query<{ ticket: string }[]>(
        'SELECT ticket FROM applied WHERE consumer = $1 AND ticket LIKE $2 ORDER BY ticket',
        [durable, `${prefix}%`],
      )
    ).map((r) => r.ticket);

  it('asks once per event when a failed batch is re-applied one by one, and logs why the batch failed', async () => {
    const { namespace, naming } = await freshNamespace();
    const asked: string[] = [];
    const stopCitizens = respondAs(nc, namespace, ResolveIdentity, 'citizens', async (q) => {
      asked.push(q.sealedContact!);
      return { citizenId: '00000000-0000-4000-8000-000000000007', match: 'EMAIL' };
    });
    try {
      const tickets = ['R-1', 'R-2', 'R-3', 'R-4', 'R-5', 'R-6'];
      failOn = 'R-4';
      // Waiting in the stream before the consumer starts: they arrive together, as one batch.
      for (const t of tickets) {
        await publishEvent(nc, namespace, StatusChanged, event(t));
      }
      const { logger } = await start(namespace, [ResolvingHandler], [resolving], {
        maxDeliver: 1,
      });
      await waitFor(async () => (await appliedBy(resolving.durable, 'R-')).length === 5);
      await waitFor(
        async () => (await jsm.streams.info(naming.deadLetterStream())).state.messages === 1,
      );
      expect(await appliedBy(resolving.durable, 'R-')).toEqual(
        ['R-1', 'R-2', 'R-3', 'R-5', 'R-6'].map((t) => `${t}:00000000-0000-4000-8000-000000000007`),
      );
      // One request per event, the failing one included: the one-by-one pass reused the answers.
      expect([...asked].sort()).toEqual(tickets.map(sealedFor).sort());
      expect(logger.messages('warn')).toContainEqual(
        expect.objectContaining({
          msg: 'batch failed; applying its events one by one',
          consumer: 'probe-resolving',
          events: 6,
          error: expect.objectContaining({ class: 'Error', message: 'cannot apply R-4' }),
        }),
      );
    } finally {
      await stopCitizens();
    }
  });

  it('keeps consuming when its inbox cannot be read for a while, and applies what waited', async () => {
    const { namespace } = await freshNamespace();
    const stopCitizens = respondAs(nc, namespace, ResolveIdentity, 'citizens', async () => ({
      citizenId: null,
      match: 'ANONYMOUS',
    }));
    try {
      await start(namespace, [ResolvingHandler], [resolving], { maxDeliver: 100 });
      await sql.query('ALTER TABLE inbox RENAME TO inbox_away');
      try {
        await publishEvent(nc, namespace, StatusChanged, event('Q-1'));
        await new Promise((r) => setTimeout(r, 1000));
        expect(await appliedBy(resolving.durable, 'Q-')).toEqual([]);
      } finally {
        await sql.query('ALTER TABLE inbox_away RENAME TO inbox');
      }
      await waitFor(async () => (await appliedBy(resolving.durable, 'Q-')).length === 1);
    } finally {
      await stopCitizens();
    }
  });

  it('pulls again when its pull ends while the service runs, and applies what comes next', async () => {
    const { namespace } = await freshNamespace();
    const { moduleRef, logger } = await start(namespace, [FromAllHandler], [fromAll]);
    await publishEvent(nc, namespace, StatusChanged, event('L-1'));
    await waitFor(async () => (await appliedBy(fromAll.durable, 'L-')).length === 1);
    // What a NATS restart or the watchdog does to a pull: it ends under the running service.
    moduleRef.get(EventConsumers).pullAgain(fromAll.durable);
    // The server has taken the ended pull's unsubscribe before L-2 is published (from another
    // connection): else it may hand L-2 to that pull, and L-2 comes again only after the 30 s ack
    // wait (a CI run timed out so, under load). Then too it is applied: the wait allows for it.
    await moduleRef.get<NatsConnection>(NATS_CONNECTION).flush();
    await publishEvent(nc, namespace, StatusChanged, event('L-2'));
    await waitFor(async () => (await appliedBy(fromAll.durable, 'L-')).length === 2, {
      what: 'L-2 applied after the pull was replaced',
      timeoutMs: 45_000,
    });
    expect(logger.messages('warn')).toContainEqual(
      expect.objectContaining({
        msg: 'consumer pull ended; pulling again',
        consumer: fromAll.durable,
      }),
    );
  });

  it('refuses a bus request sent from inside the consumer transaction, naming the consumer', async () => {
    const { namespace, naming } = await freshNamespace();
    const asked: string[] = [];
    const stopCitizens = respondAs(nc, namespace, ResolveIdentity, 'citizens', async (q) => {
      asked.push(q.sealedContact!);
      return { citizenId: null, match: 'ANONYMOUS' };
    });
    try {
      await start(namespace, [RequestingInsideHandler], [requestingInside], { maxDeliver: 1 });
      await publishEvent(nc, namespace, StatusChanged, event('X-1'));
      await waitFor(
        async () => (await jsm.streams.info(naming.deadLetterStream())).state.messages === 1,
      );
      const letter = await jsm.streams.getMessage(naming.deadLetterStream(), {
        last_by_subj: naming.deadLetterSubject('cases', requestingInside.durable),
      });
      expect(letter?.json<{ error: { message: string } }>().error.message).toContain(
        'requested inside the transaction of consumer "probe-requesting-inside"',
      );
      expect(asked).toEqual([]);
    } finally {
      await stopCitizens();
    }
  });

  it('starts a new durable where its declaration says: "all" replays the stream, "new" does not', async () => {
    const { namespace } = await freshNamespace();
    for (const t of ['H-1', 'H-2', 'H-3']) {
      await publishEvent(nc, namespace, StatusChanged, event(t));
    }
    await start(namespace, [FromAllHandler, FromNewHandler], [fromAll, fromNew]);
    await publishEvent(nc, namespace, StatusChanged, event('H-4'));
    await waitFor(async () => (await appliedBy(fromAll.durable, 'H-')).length === 4);
    await waitFor(async () => (await appliedBy(fromNew.durable, 'H-')).length === 1);
    expect(await appliedBy(fromNew.durable, 'H-')).toEqual(['H-4']);
  });

  it('updates a consumer whose stored settings drifted from the code at start-up, keeping its position, and says so', async () => {
    const { namespace, naming } = await freshNamespace();
    const stream = naming.stream('cases');
    await start(namespace, [FromAllHandler], [fromAll]);
    await publishEvent(nc, namespace, StatusChanged, event('U-1'));
    await waitFor(async () => (await appliedBy(fromAll.durable, 'U-')).length === 1);
    await running.pop()!.close();
    // As an older release, or an operator, left it.
    await jsm.consumers.update(stream, fromAll.durable, {
      ack_wait: nanos(5_000),
      max_deliver: 2,
      max_ack_pending: 10,
    });
    const { logger } = await start(namespace, [FromAllHandler], [fromAll]);
    expect((await jsm.consumers.info(stream, fromAll.durable)).config).toMatchObject({
      ack_wait: nanos(30_000),
      max_deliver: -1,
      max_ack_pending: 1000,
    });
    expect(logger.messages('warn')).toContainEqual({
      msg: 'consumer config on the server differed from the code; updated',
      consumer: fromAll.durable,
      stream,
      changes: [
        { field: 'ack_wait', stored: nanos(5_000), declared: nanos(30_000) },
        { field: 'max_deliver', stored: 2, declared: -1 },
        { field: 'max_ack_pending', stored: 10, declared: 1000 },
      ],
    });
    await publishEvent(nc, namespace, StatusChanged, event('U-2'));
    await waitFor(async () => (await appliedBy(fromAll.durable, 'U-')).length === 2);
    expect(await appliedBy(fromAll.durable, 'U-')).toEqual(['U-1', 'U-2']);
  });

  it('recreates a consumer whose filter subject changed at the position it had, and says so', async () => {
    const { namespace, naming } = await freshNamespace();
    const stream = naming.stream('cases');
    await publishEvent(nc, namespace, StatusChanged, event('P-1'));
    // An older release consumed another subject under this name and had seen the whole stream.
    await jsm.consumers.add(stream, {
      durable_name: fromAll.durable,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.New,
      filter_subject: naming.subject('cases.evt.something-else.v1'),
    });
    const { logger } = await start(namespace, [FromAllHandler], [fromAll]);
    expect((await jsm.consumers.info(stream, fromAll.durable)).config.filter_subject).toBe(
      naming.subject(StatusChanged.subject),
    );
    expect(logger.messages('warn')).toContainEqual(
      expect.objectContaining({
        msg: 'consumer config on the server differed from the code; recreated at its position',
        consumer: fromAll.durable,
        fromSequence: 2,
        changes: [
          {
            field: 'filter_subject',
            stored: naming.subject('cases.evt.something-else.v1'),
            declared: naming.subject(StatusChanged.subject),
          },
        ],
      }),
    );
    // A waiting pull is served under the new filter; what it had passed is not replayed.
    await publishEvent(nc, namespace, StatusChanged, event('P-2'));
    await waitFor(async () => (await appliedBy(fromAll.durable, 'P-')).length === 1);
    await new Promise((r) => setTimeout(r, 500));
    expect(await appliedBy(fromAll.durable, 'P-')).toEqual(['P-2']);
  });

  it('refuses to start when the server holds a setting it cannot change, and says which', async () => {
    const { namespace, naming } = await freshNamespace();
    await jsm.consumers.add(naming.stream('cases'), {
      durable_name: fromAll.durable,
      ack_policy: AckPolicy.All,
      filter_subject: naming.subject(StatusChanged.subject),
    });
    await expect(start(namespace, [FromAllHandler], [fromAll])).rejects.toThrow(
      `consumer "probe-from-all" on ${naming.stream('cases')} acks "all" on the server but the code needs "explicit"`,
    );
  });

  it('refuses to start a handler whose consumer the service does not declare', async () => {
    const { namespace } = await freshNamespace();
    await expect(start(namespace, [FromAllHandler, FromNewHandler], [fromAll])).rejects.toThrow(
      `cases's event consumers: a handler consumes "probe-from-new", which cases does not declare`,
    );
  });
});
