import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Injectable } from '@nestjs/common';
import type { TestingModule } from '@nestjs/testing';
import type { NatsConnection } from '@nats-io/transport-node';
import { CaseStatus, StatusChanged, type StatusChangedV1 } from '@civitas/contracts';
import {
  aStatusChanged,
  publishEvent,
  startBusTestBed,
  waitFor,
  type BusTestBed,
} from '@civitas/testing';
import type { DataSource } from 'typeorm';
import { BusRequestError } from './bus.errors.js';
import { eventConsumer } from './consumer-declaration.js';
import { BusNaming } from './naming.js';
import { OnEvent, type EventContext, type EventHandler } from './decorators.js';
import { TransactionalRepository, type Transaction } from './unit-of-work.js';

const applied: string[] = [];
let failOn: string | null = null;
/**
 * Tickets whose handler finds its peer away this many more times (a transient failure, retried
 * without limit), and then fails as a poison event does; each try noted, by kind.
 */
const outageThenPoison = new Map<string, number>();
const tries: string[] = [];

const probe = eventConsumer(StatusChanged, 'probe-status-changed', { deliver: 'all' });

class AppliedRepository extends TransactionalRepository {
  async record(tx: Transaction, ticket: string): Promise<void> {
    await this.managerOf(tx).query('INSERT INTO applied (ticket) VALUES ($1)', [ticket]);
  }
}

/** A consumer that records what it applied, in its own table, inside the consumer's transaction. */
@Injectable()
@OnEvent(probe)
class RecordingHandler implements EventHandler<StatusChangedV1> {
  private readonly repository = new AppliedRepository();

  async handle(payload: StatusChangedV1, { tx }: EventContext<StatusChangedV1>): Promise<void> {
    if (payload.ticketNumber === failOn) {
      throw new Error(`cannot apply ${payload.ticketNumber}`);
    }
    const outage = outageThenPoison.get(payload.ticketNumber);
    if (outage !== undefined) {
      outageThenPoison.set(payload.ticketNumber, outage - 1);
      tries.push(outage > 0 ? 'transient' : 'poison');
      throw outage > 0
        ? new BusRequestError('UNAVAILABLE', 'citizens did not answer', 'citizens.req.probe')
        : new Error(`cannot apply ${payload.ticketNumber}`);
    }
    await this.repository.record(tx, payload.ticketNumber);
    applied.push(payload.ticketNumber);
  }
}

describe('event consumers: batches, retries, dead letters (real Postgres and NATS)', () => {
  let bus: BusTestBed;
  let moduleRef: TestingModule;
  let nc: NatsConnection;
  let namespace: string;
  let sql: DataSource;

  beforeAll(async () => {
    bus = await startBusTestBed('messaging');
    ({ nc, namespace } = bus);
    sql = await bus.db.dataSource();
    await sql.query('CREATE TABLE applied (ticket text NOT NULL)');
    moduleRef = await bus.compile({
      service: 'analytics',
      consumers: [probe],
      providers: [RecordingHandler],
    });
    await moduleRef.init();
  });

  afterAll(async () => {
    await moduleRef?.close();
    await bus?.close();
  });

  const event = (ticketNumber: string): StatusChangedV1 =>
    aStatusChanged().withTicketNumber(ticketNumber).to(CaseStatus.CLOSED).build();

  const appliedCount = async (prefix: string) =>
    Number(
      (
        await sql.query<{ n: string }[]>(`SELECT count(*) AS n FROM applied WHERE ticket LIKE $1`, [
          `${prefix}%`,
        ])
      )[0].n,
    );

  it('applies a backlog of 500 events exactly once each, in order', async () => {
    const tickets = Array.from({ length: 500 }, (_, i) => `B-${String(i).padStart(4, '0')}`);
    // Sent in order on one connection without waiting for each ack, so a backlog builds up.
    await Promise.all(
      tickets.map((t) => publishEvent(nc, namespace, StatusChanged, event(t), { as: 'cases' })),
    );
    await waitFor(async () => (await appliedCount('B-')) === 500, {
      timeoutMs: 90_000,
      intervalMs: 200,
    });
    expect(applied.filter((t) => t.startsWith('B-'))).toEqual(tickets);
  });

  it('does not hold back the tail of a backlog that is not a whole number of batches', async () => {
    const tickets = Array.from({ length: 150 }, (_, i) => `T-${String(i).padStart(4, '0')}`);
    await Promise.all(
      tickets.map((t) => publishEvent(nc, namespace, StatusChanged, event(t), { as: 'cases' })),
    );
    // Below the 30 s ack wait: a tail left waiting for more messages would only come back as redeliveries.
    await waitFor(async () => (await appliedCount('T-')) === 150, {
      timeoutMs: 25_000,
      intervalMs: 200,
    });
    expect(applied.filter((t) => t.startsWith('T-'))).toEqual(tickets);
  });

  it('one failing event in a batch does not hold back the others, and goes to the dead letters after the limit', async () => {
    failOn = 'F-0003';
    for (let i = 0; i < 8; i += 1) {
      await publishEvent(nc, namespace, StatusChanged, event(`F-${String(i).padStart(4, '0')}`), {
        as: 'cases',
      });
    }
    await waitFor(async () => (await appliedCount('F-')) === 7, { timeoutMs: 60_000 });
    const jsm = await (await import('@nats-io/jetstream')).jetstreamManager(nc);
    const deadStream = `${namespace.toUpperCase()}_DEAD_LETTERS`;
    await waitFor(async () => (await jsm.streams.info(deadStream)).state.messages >= 1, {
      timeoutMs: 60_000,
    });
    const letter = await jsm.streams.getMessage(deadStream, {
      last_by_subj: `${namespace}.dlq.analytics.probe-status-changed`,
    });
    expect(letter?.json<{ error: { message: string }; deliveries: number }>()).toMatchObject({
      error: { message: 'cannot apply F-0003' },
      deliveries: 3,
    });
    expect(await appliedCount('F-0003')).toBe(0);
    // Dead-lettered is done with: not held for the consumer, never delivered again.
    await waitFor(
      async () => {
        const info = await jsm.consumers.info(
          new BusNaming(namespace).stream(StatusChanged.owner),
          probe.durable,
        );
        return info.num_ack_pending === 0 && info.num_pending === 0;
      },
      { what: 'nothing left unacknowledged on the consumer' },
    );
  });

  it('counts only failures that would fail again towards the limit: an event retried through an outage is not dead-lettered at its first real failure', async () => {
    // maxDeliver is 3. Four tries while its peer is away raise JetStream's delivery count past it;
    // main's code dead-lettered at the first non-transient failure after that, with no retry.
    outageThenPoison.set('O-0001', 4);
    tries.length = 0;
    await publishEvent(nc, namespace, StatusChanged, event('O-0001'), { as: 'cases' });
    const jsm = await (await import('@nats-io/jetstream')).jetstreamManager(nc);
    const deadStream = `${namespace.toUpperCase()}_DEAD_LETTERS`;
    type Letter = {
      deliveries: number;
      failures: number;
      message: { payload: { ticketNumber: string } };
    };
    const letter = await waitFor(
      async () => {
        const last = (
          await jsm.streams.getMessage(deadStream, {
            last_by_subj: `${namespace}.dlq.analytics.probe-status-changed`,
          })
        )?.json<Letter>();
        return last?.message.payload.ticketNumber === 'O-0001' && last;
      },
      // 200 ms doubling per delivery: about 13 s of back-off before the seventh delivery.
      { what: 'O-0001 dead-lettered', timeoutMs: 60_000 },
    );
    expect(tries).toEqual([
      'transient',
      'transient',
      'transient',
      'transient',
      'poison',
      'poison',
      'poison',
    ]);
    expect(letter).toMatchObject({ deliveries: 7, failures: 3 });
    expect(await appliedCount('O-0001')).toBe(0);
  });
});
