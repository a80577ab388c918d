import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { Injectable } from '@nestjs/common';
import type { TestingModule } from '@nestjs/testing';
import { jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { CaseStatus, StatusChanged, type StatusChangedV1 } from '@civitas/contracts';
import {
  aStatusChanged,
  metricSample,
  publishEvent,
  startBusTestBed,
  waitFor,
  type BusTestBed,
} from '@civitas/testing';
import { Registry } from 'prom-client';
import type { DataSource } from 'typeorm';
import { eventConsumer } from './consumer-declaration.js';
import { OnEvent, type EventHandler } from './decorators.js';
import { BusNaming } from './naming.js';
import { ensureDeadLetterStream, ensureEventStream } from './streams.js';

const probe = eventConsumer(StatusChanged, 'probe-metrics', { deliver: 'all' });

/** Holds every event until the test opens the gate, as a slow handler would. */
let gate: Promise<void> = Promise.resolve();
const applied: string[] = [];

@Injectable()
@OnEvent(probe)
class GatedHandler implements EventHandler<StatusChangedV1> {
  async handle(payload: StatusChangedV1): Promise<void> {
    await gate;
    applied.push(payload.ticketNumber);
  }
}

const event = (ticketNumber: string) =>
  aStatusChanged().withTicketNumber(ticketNumber).to(CaseStatus.CLOSED).build();

describe('bus metrics: what an operator scrapes (real Postgres and NATS)', () => {
  let bus: BusTestBed;
  let sql: DataSource;
  let nc: NatsConnection;
  let namespace: string;
  let moduleRef: TestingModule | undefined;
  const registry = new Registry();
  const scrape = () => registry.metrics();

  beforeAll(async () => {
    bus = await startBusTestBed('messaging_metrics');
    ({ nc, namespace } = bus);
    sql = await bus.db.dataSource();
    const jsm = await jetstreamManager(nc);
    const naming = new BusNaming(namespace);
    await ensureEventStream(jsm, naming, 'cases');
    await ensureDeadLetterStream(jsm, naming);
    moduleRef = await bus.compile({
      service: 'cases',
      consumers: [probe],
      providers: [GatedHandler],
      maxDeliver: 1,
      registry,
    });
    await moduleRef.init();
  });

  afterEach(() => {
    gate = Promise.resolve();
  });

  afterAll(async () => {
    await moduleRef?.close();
    await bus?.close();
  });

  it('shows a consumer falling behind while its handler is slow, and catching up after', async () => {
    let open!: () => void;
    gate = new Promise((resolve) => (open = resolve));
    for (const ticket of ['L-1', 'L-2', 'L-3']) {
      await publishEvent(nc, namespace, StatusChanged, event(ticket));
    }
    await waitFor(
      async () =>
        metricSample(await scrape(), 'civitas_bus_consumer_lag_messages', {
          consumer: probe.durable,
        }) === 3,
    );
    expect(applied.filter((t) => t.startsWith('L-'))).toEqual([]);

    open();
    await waitFor(async () => applied.filter((t) => t.startsWith('L-')).length === 3);
    await waitFor(
      async () =>
        metricSample(await scrape(), 'civitas_bus_consumer_lag_messages', {
          consumer: probe.durable,
        }) === 0,
    );
    const text = await scrape();
    expect(
      metricSample(text, 'civitas_bus_events_total', {
        consumer: probe.durable,
        outcome: 'applied',
      }),
    ).toBe(3);
    expect(
      metricSample(text, 'civitas_bus_batch_duration_seconds_count', { consumer: probe.durable }),
    ).toBeGreaterThanOrEqual(1);
  });

  it('counts an event it gave up on as a dead letter of that consumer', async () => {
    // Published by the wrong service: never valid, so straight to the dead letters.
    await publishEvent(nc, namespace, StatusChanged, event('D-1'), { as: 'intake' });
    await waitFor(
      async () =>
        metricSample(await scrape(), 'civitas_bus_dead_letters_messages', {
          consumer: probe.durable,
        }) === 1,
    );
    expect(
      metricSample(await scrape(), 'civitas_bus_events_total', {
        consumer: probe.durable,
        outcome: 'dead-lettered',
      }),
    ).toBe(1);
    expect(applied).not.toContain('D-1');
  });

  it('shows events waiting in the outbox and how old the oldest is', async () => {
    const before = await scrape();
    expect(metricSample(before, 'civitas_bus_outbox_backlog_messages')).toBe(0);
    expect(metricSample(before, 'civitas_bus_outbox_oldest_seconds')).toBe(0);
    // A subject no stream takes: the relay cannot publish it, so it waits, as it would with NATS down.
    await sql.query(
      `INSERT INTO outbox (id, subject, envelope, created_at)
       VALUES (gen_random_uuid(), $1, '{}'::jsonb, now() - interval '90 seconds')`,
      [`${namespace}.nowhere.evt.lost.v1`],
    );
    const after = await scrape();
    expect(metricSample(after, 'civitas_bus_outbox_backlog_messages')).toBe(1);
    expect(metricSample(after, 'civitas_bus_outbox_oldest_seconds')).toBeGreaterThanOrEqual(90);
  });
});
