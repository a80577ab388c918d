import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { jetstream, type JetStreamClient } from '@nats-io/jetstream';
import { headers as natsHeaders, type NatsConnection } from '@nats-io/transport-node';
import { DataSource } from 'typeorm';
import { BUS_OPTIONS, type BusOptions } from './bus.options.js';
import { NATS_CONNECTION } from './nats.connection.js';

const BATCH = 500;

/**
 * Publishes outbox rows to JetStream with `Nats-Msg-Id` = event id, so a row published twice (a
 * crash between publish and mark) is dropped by the stream's duplicate window. Rows are claimed with
 * `FOR UPDATE SKIP LOCKED`, so replicas share the work.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private js: JetStreamClient;
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private again = false;
  private stopped = false;
  private lastCleanup = 0;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(BUS_OPTIONS) private readonly options: BusOptions,
  ) {}

  onApplicationBootstrap(): void {
    this.js = jetstream(this.nc);
    this.schedule(0);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    while (this.running) {
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** Something was just committed: publish now rather than at the next poll. */
  kick(): void {
    if (this.stopped) {
      return;
    }
    if (this.running) {
      this.again = true;
      return;
    }
    this.schedule(0);
  }

  /** Publishes everything pending; returns how many rows were published. */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const published = await this.publishBatch();
      total += published;
      if (published < BATCH) {
        return total;
      }
    }
  }

  private schedule(ms: number): void {
    clearTimeout(this.timer);
    if (!this.stopped) {
      this.timer = setTimeout(() => void this.tick(), ms);
    }
  }

  private async tick(): Promise<void> {
    if (this.running || this.stopped) {
      return;
    }
    this.running = true;
    let failed = false;
    try {
      do {
        this.again = false;
        await this.drain();
      } while (this.again && !this.stopped);
      await this.cleanup();
    } catch (error) {
      failed = true;
      this.logger.warn({ msg: 'outbox relay failed; will retry', error: (error as Error).message });
    } finally {
      this.running = false;
    }
    this.schedule(failed ? 1000 : (this.options.outboxPollMs ?? 500));
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
        rows.map((row) => {
          const h = natsHeaders();
          const envelope = row.envelope as { correlationId?: string };
          if (envelope.correlationId) {
            h.set('x-correlation-id', envelope.correlationId);
          }
          return this.js.publish(row.subject, JSON.stringify(row.envelope), {
            msgID: row.id,
            headers: h,
          });
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
