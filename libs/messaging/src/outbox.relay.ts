import { Inject, Injectable, Logger } from '@nestjs/common';
import { jetstream, type JetStreamClient } from '@nats-io/jetstream';
import { headers as natsHeaders, type NatsConnection } from '@nats-io/transport-node';
import { failSpan, SpanKind, startSpan } from '@civitas/observability';
import type { Envelope } from '@civitas/contracts';
import { DataSource } from 'typeorm';
import { BUS_OPTIONS, type BusOptions } from './bus.options.js';
import { NATS_CONNECTION } from './nats.connection.js';
import { drainInBatches, PollingLoop, PollingWorker } from './polling-loop.js';
import { messagingAttributes } from './tracing-attributes.js';

const BATCH = 500;

/**
 * Publishes outbox rows to JetStream with `Nats-Msg-Id` = event id, so a row published twice (a
 * crash between publish and mark) is dropped by the stream's duplicate window. Rows are claimed with
 * `FOR UPDATE SKIP LOCKED`, so replicas share the work.
 */
@Injectable()
export class OutboxRelay extends PollingWorker {
  private readonly logger = new Logger(OutboxRelay.name);
  private js: JetStreamClient;
  protected readonly loop: PollingLoop;
  private lastCleanup = 0;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(BUS_OPTIONS) private readonly options: BusOptions,
  ) {
    super();
    this.loop = new PollingLoop({
      name: 'outbox relay',
      work: async () => {
        await this.drain();
        await this.cleanup();
      },
      intervalMs: options.outboxPollMs ?? 500,
      retryMs: 1000,
      logger: this.logger,
    });
  }

  override onApplicationBootstrap(): void {
    this.js = jetstream(this.nc);
    super.onApplicationBootstrap();
  }

  /** Publishes everything pending; returns how many rows were published. */
  drain(): Promise<number> {
    return drainInBatches(BATCH, () => this.publishBatch());
  }

  private async publishBatch(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const rows: { id: string; subject: string; envelope: unknown }[] = await manager.query(
        `SELECT id, subject, envelope FROM outbox WHERE published_at IS NULL
         ORDER BY seq LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`,
      );
      if (rows.length === 0) {
        return 0;
      }
      // Sent in order on one connection; the acks are awaited together.
      await Promise.all(
        rows.map(async (row) => {
          const h = natsHeaders();
          const envelope = row.envelope as Partial<Envelope>;
          if (envelope.correlationId) {
            h.set('x-correlation-id', envelope.correlationId);
          }
          // The send is a child of the span that wrote the event (its envelope's traceparent).
          const { span } = envelope.traceparent
            ? startSpan(`send ${envelope.type}`, {
                kind: SpanKind.PRODUCER,
                parent: { traceparent: envelope.traceparent },
                attributes: messagingAttributes(envelope.type ?? row.subject, 'send', {
                  'messaging.message.id': row.id,
                }),
              })
            : { span: undefined };
          try {
            return await this.js.publish(row.subject, JSON.stringify(row.envelope), {
              msgID: row.id,
              headers: h,
            });
          } catch (error) {
            if (span) {
              failSpan(span, error);
            }
            throw error;
          } finally {
            span?.end();
          }
        }),
      );
      await manager.query('UPDATE outbox SET published_at = now() WHERE id = ANY($1::uuid[])', [
        rows.map((r) => r.id),
      ]);
      return rows.length;
    });
  }

  private async cleanup(): Promise<void> {
    const now = Date.now();
    if (now - this.lastCleanup < 3_600_000) {
      return;
    }
    this.lastCleanup = now;
    // Well past the stream's duplicate window; kept a week for operators to inspect.
    await this.dataSource.query(
      `DELETE FROM outbox WHERE published_at < now() - interval '7 days'`,
    );
  }
}
