import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { describeError, METRICS_REGISTRY, prometheus } from '@civitas/observability';
import type { Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { BUS_OPTIONS, type BusOptions } from './bus.options.js';
import type { ConsumeOutcome } from './event-consumers.js';
import { BusNaming } from './naming.js';
import { NATS_CONNECTION } from './nats.connection.js';

const LATENCY_BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * What an operator watches on the bus, on the service's registry (docs/adr/0074): events handled
 * per consumer and outcome and how long a batch took, requests answered per subject and outcome
 * and how long they took (counted as they happen); and, read from NATS and Postgres when
 * Prometheus scrapes, each consumer's lag (events in its stream not yet applied), the dead letters
 * it left, and the outbox rows not yet published and the age of the oldest. Without a registry
 * (a module built without SubgraphModule, as the bus's own specs do) nothing is recorded.
 */
@Injectable()
export class BusMetrics {
  private readonly logger = new Logger('BusMetrics');
  private readonly naming: BusNaming;
  private readonly events?: prometheus.Counter<'consumer' | 'outcome'>;
  private readonly batches?: prometheus.Histogram<'consumer'>;
  private readonly requests?: prometheus.Counter<'subject' | 'outcome'>;
  private readonly requestSeconds?: prometheus.Histogram<'subject'>;
  private jsm?: Promise<JetStreamManager>;
  private readonly busReading = new SharedReading<Map<
    string,
    { lag: number; deadLetters: number }
  > | null>();
  private readonly outboxReading = new SharedReading<{
    waiting: number;
    oldestSeconds: number;
  } | null>();

  constructor(
    private readonly dataSource: DataSource,
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(BUS_OPTIONS) private readonly options: BusOptions,
    @Optional() @Inject(METRICS_REGISTRY) registry?: Registry,
  ) {
    this.naming = new BusNaming(options.namespace);
    if (!registry) {
      return;
    }
    const registers = [registry];
    this.events = new prometheus.Counter({
      name: 'civitas_bus_events_total',
      help: 'Events a consumer handled, by outcome (applied, duplicate, retry, dead-lettered)',
      labelNames: ['consumer', 'outcome'],
      registers,
    });
    this.batches = new prometheus.Histogram({
      name: 'civitas_bus_batch_duration_seconds',
      help: 'Time a consumer took to prepare and apply one batch of events',
      labelNames: ['consumer'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.requests = new prometheus.Counter({
      name: 'civitas_bus_requests_total',
      help: 'Requests this service answered over NATS, by subject and outcome (ok or the error code)',
      labelNames: ['subject', 'outcome'],
      registers,
    });
    this.requestSeconds = new prometheus.Histogram({
      name: 'civitas_bus_request_duration_seconds',
      help: 'Time this service took to answer a request over NATS',
      labelNames: ['subject'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    const lag: prometheus.Gauge<'consumer'> = new prometheus.Gauge({
      name: 'civitas_bus_consumer_lag_messages',
      help: 'Events in the stream a consumer has not applied yet (not yet delivered plus delivered and not acknowledged)',
      labelNames: ['consumer'],
      registers,
      collect: async (): Promise<void> => {
        lag.reset();
        for (const [consumer, { lag: value }] of (await this.readBus()) ?? []) {
          lag.set({ consumer }, value);
        }
      },
    });
    const deadLetters: prometheus.Gauge<'consumer'> = new prometheus.Gauge({
      name: 'civitas_bus_dead_letters_messages',
      help: 'Events a consumer gave up on, kept in the dead-letter stream for an operator',
      labelNames: ['consumer'],
      registers,
      collect: async (): Promise<void> => {
        deadLetters.reset();
        for (const [consumer, { deadLetters: value }] of (await this.readBus()) ?? []) {
          deadLetters.set({ consumer }, value);
        }
      },
    });
    const backlog: prometheus.Gauge = new prometheus.Gauge({
      name: 'civitas_bus_outbox_backlog_messages',
      help: 'Events written to the outbox and not yet published',
      registers,
      collect: async (): Promise<void> => {
        backlog.reset();
        const outbox = await this.readOutbox();
        if (outbox) {
          backlog.set(outbox.waiting);
        }
      },
    });
    const oldest: prometheus.Gauge = new prometheus.Gauge({
      name: 'civitas_bus_outbox_oldest_seconds',
      help: 'Age of the oldest event not yet published (0 when none waits)',
      registers,
      collect: async (): Promise<void> => {
        oldest.reset();
        const outbox = await this.readOutbox();
        if (outbox) {
          oldest.set(outbox.oldestSeconds);
        }
      },
    });
  }

  /** One batch of `consumer`: its events' outcomes and how long preparing and applying it took. */
  recordBatch(consumer: string, outcomes: readonly ConsumeOutcome[], seconds: number): void {
    for (const outcome of outcomes) {
      this.events?.inc({ consumer, outcome });
    }
    this.batches?.observe({ consumer }, seconds);
  }

  /** One answered request: `outcome` is `ok` or the error code it answered with. */
  recordRequest(subject: string, outcome: string, seconds: number): void {
    this.requests?.inc({ subject, outcome });
    this.requestSeconds?.observe({ subject }, seconds);
  }

  private manager(): Promise<JetStreamManager> {
    this.jsm ??= jetstreamManager(this.nc).catch((error: unknown) => {
      this.jsm = undefined;
      throw error;
    });
    return this.jsm;
  }

  /**
   * Each consumer's lag and dead letters, read from NATS at scrape time so the figures are the
   * server's own. The gauges of one scrape share one reading. When NATS
   * cannot answer, the scrape leaves them out (and it is logged): never a 0 that is not true.
   */
  private readBus(): Promise<Map<string, { lag: number; deadLetters: number }> | null> {
    return this.busReading.get(async () => {
      try {
        const jsm = await this.manager();
        const prefix = this.naming.deadLetterSubject(this.options.service, '');
        const dead = await jsm.streams.info(this.naming.deadLetterStream(), {
          subjects_filter: `${prefix}*`,
        });
        const reading = new Map<string, { lag: number; deadLetters: number }>();
        for (const consumer of this.options.consumers) {
          const info = await jsm.consumers.info(
            this.naming.stream(consumer.contract.owner),
            consumer.durable,
          );
          reading.set(consumer.durable, {
            lag: info.num_pending + info.num_ack_pending,
            deadLetters: dead.state.subjects?.[`${prefix}${consumer.durable}`] ?? 0,
          });
        }
        return reading;
      } catch (error) {
        this.logger.warn({ msg: 'bus metrics unavailable', error: describeError(error) });
        return null;
      }
    });
  }

  /** The outbox rows not yet published and the age of the oldest, as readBus for Postgres. */
  private readOutbox(): Promise<{ waiting: number; oldestSeconds: number } | null> {
    return this.outboxReading.get(async () => {
      try {
        const [row] = await this.dataSource.query<{ waiting: string; oldest: number | null }[]>(
          `SELECT count(*) AS waiting,
                  extract(epoch FROM now() - min(created_at))::float8 AS oldest
             FROM outbox WHERE published_at IS NULL`,
        );
        return { waiting: Number(row.waiting), oldestSeconds: row.oldest ?? 0 };
      } catch (error) {
        this.logger.warn({ msg: 'outbox metrics unavailable', error: describeError(error) });
        return null;
      }
    });
  }
}

/**
 * One reading shared by the gauges of a scrape: prom-client collects a registry's metrics
 * together, so a reading still under way is joined, and the next scrape reads afresh.
 */
class SharedReading<T> {
  private pending?: Promise<T>;

  get(read: () => Promise<T>): Promise<T> {
    this.pending ??= read().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }
}
