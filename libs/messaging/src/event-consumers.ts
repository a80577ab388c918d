import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import {
  AckPolicy,
  DeliverPolicy,
  jetstream,
  jetstreamManager,
  type ConsumerMessages,
  type JetStreamClient,
  type JsMsg,
} from '@nats-io/jetstream';
import { nanos, type NatsConnection } from '@nats-io/transport-node';
import {
  ContractValidationError,
  identityOf,
  validateAs,
  validateEnvelope,
  type Envelope,
} from '@civitas/contracts';
import { runWithContext } from '@civitas/observability';
import { DataSource, type EntityManager } from 'typeorm';
import { isTransientError } from './bus.errors.js';
import { BUS_OPTIONS, type BusOptions } from './bus.options.js';
import { EVENT_HANDLER, type EventHandler, type EventHandlerMetadata } from './decorators.js';
import { BusNaming } from './naming.js';
import { NATS_CONNECTION } from './nats.connection.js';
import { backoffMs } from './polling-loop.js';
import { ensureDeadLetterStream, ensureEventStream } from './streams.js';
import { UnitOfWork } from './unit-of-work.js';

interface Decoded {
  envelope: Envelope<object>;
  payload: object;
  raw: unknown;
}

interface Registered {
  meta: EventHandlerMetadata;
  handler: EventHandler<object>;
}

export type ConsumeOutcome = 'applied' | 'duplicate' | 'retry' | 'dead-lettered';

/** Most events applied in one transaction when a consumer has a backlog, unless it says fewer. */
const BATCH = 100;

/** Delay before redelivering a failed event: 200 ms doubling per attempt, at most 30 s. */
export function retryDelayMs(deliveryCount: number): number {
  return backoffMs(deliveryCount, 200, 30_000);
}

/**
 * Runs every `@OnEvent` provider as a durable JetStream pull consumer. Each event is applied in one
 * transaction with its inbox record (exactly once in effect) and acked after the commit; failures
 * are retried with back-off and, after `maxDeliver` deliveries, published to the dead-letter stream.
 */
@Injectable()
export class EventConsumers implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('EventConsumers');
  private readonly naming: BusNaming;
  private readonly handlers: Registered[] = [];
  private readonly running: { messages: ConsumerMessages; done: Promise<void> }[] = [];
  private js: JetStreamClient;
  private stopping = false;

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(BUS_OPTIONS) private readonly options: BusOptions,
  ) {
    this.naming = new BusNaming(options.namespace);
  }

  /** Streams first: the outbox relay publishes to this service's own stream from bootstrap on. */
  async onModuleInit(): Promise<void> {
    for (const wrapper of this.discovery.getProviders()) {
      const meta = wrapper.metatype
        ? (Reflect.getMetadata(EVENT_HANDLER, wrapper.metatype) as EventHandlerMetadata | undefined)
        : undefined;
      if (meta && wrapper.instance) {
        this.handlers.push({ meta, handler: wrapper.instance as EventHandler<object> });
      }
    }
    const jsm = await jetstreamManager(this.nc);
    const owners = new Set([
      this.options.service,
      ...this.handlers.map((h) => h.meta.contract.owner),
    ]);
    for (const owner of owners) {
      await ensureEventStream(jsm, this.naming, owner, this.options.streamReplicas);
    }
    await ensureDeadLetterStream(jsm, this.naming, this.options.streamReplicas);
    for (const { meta } of this.handlers) {
      const stream = this.naming.stream(meta.contract.owner);
      const config = {
        durable_name: meta.consumer,
        ack_policy: AckPolicy.Explicit,
        deliver_policy: DeliverPolicy.All,
        filter_subject: this.naming.subject(meta.contract.subject),
        ack_wait: nanos(30_000),
        // Dead-lettering is ours (with the error attached); the server must never drop silently.
        max_deliver: -1,
        max_ack_pending: 1000,
      };
      try {
        await jsm.consumers.info(stream, meta.consumer);
      } catch {
        await jsm.consumers.add(stream, config);
      }
    }
  }

  async onApplicationBootstrap(): Promise<void> {
    this.js = jetstream(this.nc);
    for (const registered of this.handlers) {
      const consumer = await this.js.consumers.get(
        this.naming.stream(registered.meta.contract.owner),
        registered.meta.consumer,
      );
      const messages = await consumer.consume({ max_messages: 200 });
      const done = (async () => {
        const iterator = messages[Symbol.asyncIterator]();
        // A next() that lost the race below: its message comes first in the next batch.
        let waiting: Promise<IteratorResult<JsMsg>> | null = null;
        for (;;) {
          const first = await (waiting ?? iterator.next());
          waiting = null;
          if (first.done) {
            return;
          }
          // Whatever has already arrived goes into the same transaction (up to BATCH); a
          // message that is not there by the next turn of the event loop waits for the next batch.
          const batch = [first.value];
          const most = registered.meta.maxBatch ?? BATCH;
          let ended = false;
          while (batch.length < most) {
            const next = iterator.next();
            const got = await Promise.race([
              next,
              new Promise<null>((r) => setImmediate(() => r(null))),
            ]);
            if (got === null) {
              waiting = next;
              break;
            }
            if (got.done) {
              ended = true;
              break;
            }
            batch.push(got.value);
          }
          await this.processBatch(registered, batch);
          if (ended) {
            return;
          }
        }
      })().catch((error: Error) => {
        if (!this.stopping) {
          this.logger.error({
            msg: 'consumer stopped',
            consumer: registered.meta.consumer,
            error: error.message,
          });
        }
      });
      this.running.push({ messages, done });
    }
    this.logger.log({
      msg: 'consumers started',
      consumers: this.handlers.map((h) => h.meta.consumer),
    });
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    for (const r of this.running) {
      r.messages.stop();
    }
    await Promise.all(this.running.map((r) => r.done));
  }

  /**
   * Applies a backlog in one transaction (one inbox row per event, acks after the commit). When
   * anything in it fails, the batch is rolled back and each event is applied on its own, so one bad
   * event is retried or dead-lettered alone.
   */
  async processBatch(registered: Registered, msgs: JsMsg[]): Promise<ConsumeOutcome[]> {
    if (msgs.length === 1) {
      return [await this.process(registered, msgs[0])];
    }
    const decoded = msgs.map((msg) => ({ msg, decoded: this.decode(registered.meta, msg) }));
    const valid = decoded.filter((d) => !('error' in d.decoded));
    let outcomes: Map<JsMsg, ConsumeOutcome>;
    try {
      outcomes = await this.dataSource.transaction(async (manager) => {
        const result = new Map<JsMsg, ConsumeOutcome>();
        // One inbox insert for the whole batch; what comes back is what this consumer has not seen.
        const fresh = new Set(
          (
            (await manager.query(
              `INSERT INTO inbox (consumer, message_id)
               SELECT $1, id FROM unnest($2::uuid[]) AS id
               ON CONFLICT DO NOTHING RETURNING message_id`,
              [registered.meta.consumer, valid.map((v) => (v.decoded as Decoded).envelope.id)],
            )) as { message_id: string }[]
          ).map((row) => row.message_id),
        );
        const tx = this.uow.wrap(manager);
        for (const { msg, decoded: d } of valid) {
          const { envelope, payload } = d as Decoded;
          if (!fresh.delete(envelope.id)) {
            result.set(msg, 'duplicate');
            continue;
          }
          await runWithContext(
            {
              correlationId: envelope.correlationId,
              causationId: envelope.id,
              identity: identityOf(envelope.actor),
            },
            () => registered.handler.handle(payload, { envelope, tx }),
          );
          result.set(msg, 'applied');
        }
        await tx.flush();
        return result;
      });
    } catch {
      const one: ConsumeOutcome[] = [];
      for (const msg of msgs) {
        one.push(await this.process(registered, msg));
      }
      return one;
    }
    this.uow.afterCommit();
    const results: ConsumeOutcome[] = [];
    for (const { msg, decoded: d } of decoded) {
      if ('error' in d) {
        results.push(await this.process(registered, msg));
      } else {
        msg.ack();
        results.push(outcomes.get(msg) ?? 'applied');
      }
    }
    return results;
  }

  private decode(meta: EventHandlerMetadata, msg: JsMsg): Decoded | { error: Error; raw: unknown } {
    let raw: unknown;
    try {
      raw = msg.json();
      const envelope = validateEnvelope(raw, meta.contract.subject) as Envelope<object>;
      const payload = validateAs(meta.contract.payload, envelope.payload, meta.contract.subject);
      if (
        envelope.type !== meta.contract.subject ||
        envelope.actor.service !== meta.contract.owner
      ) {
        throw new ContractValidationError(meta.contract.subject, [
          {
            field: 'actor.service',
            reason: `only ${meta.contract.owner} publishes ${meta.contract.subject}`,
          },
        ]);
      }
      return { envelope, payload, raw };
    } catch (error) {
      return { error: error as Error, raw };
    }
  }

  /** Records the inbox entry and runs the handler in `manager`'s transaction; false for a duplicate. */
  private async applyIn(
    manager: EntityManager,
    registered: Registered,
    envelope: Envelope<object>,
    payload: object,
  ): Promise<boolean> {
    const inserted: unknown[] = await manager.query(
      `INSERT INTO inbox (consumer, message_id) VALUES ($1, $2)
       ON CONFLICT DO NOTHING RETURNING message_id`,
      [registered.meta.consumer, envelope.id],
    );
    if (inserted.length === 0) {
      return false;
    }
    const tx = this.uow.wrap(manager);
    await registered.handler.handle(payload, { envelope, tx });
    await tx.flush();
    return true;
  }

  /** Applies one delivery. Public for tests that drive redelivery by hand. */
  async process(registered: Registered, msg: JsMsg): Promise<ConsumeOutcome> {
    const { meta } = registered;
    const decoded = this.decode(meta, msg);
    if ('error' in decoded) {
      // A message that can never be valid is not retried: straight to the dead letters.
      await this.deadLetter(meta, msg, decoded.raw, decoded.error);
      return 'dead-lettered';
    }
    const { envelope, payload, raw } = decoded;
    return runWithContext(
      {
        correlationId: envelope.correlationId,
        causationId: envelope.id,
        identity: identityOf(envelope.actor),
      },
      async () => {
        try {
          const applied = await this.dataSource.transaction((manager) =>
            this.applyIn(manager, registered, envelope, payload),
          );
          if (applied) {
            this.uow.afterCommit();
          }
          msg.ack();
          return applied ? 'applied' : 'duplicate';
        } catch (error) {
          const deliveries = msg.info.deliveryCount;
          const transient = isTransientError(error);
          if (!transient && deliveries >= this.options.maxDeliver) {
            await this.deadLetter(meta, msg, raw, error as Error);
            return 'dead-lettered';
          }
          this.logger.warn({
            msg: 'event handler failed; will retry',
            consumer: meta.consumer,
            eventId: envelope.id,
            deliveries,
            transient,
            error: (error as Error).message,
          });
          msg.nak(retryDelayMs(deliveries));
          return 'retry';
        }
      },
    );
  }

  private async deadLetter(
    meta: EventHandlerMetadata,
    msg: JsMsg,
    raw: unknown,
    error: Error,
  ): Promise<void> {
    const record = {
      service: this.options.service,
      consumer: meta.consumer,
      subject: msg.subject,
      streamSequence: msg.seq,
      deliveries: msg.info.deliveryCount,
      error: { name: error.name, message: error.message },
      message: raw ?? msg.string(),
      deadLetteredAt: new Date().toISOString(),
    };
    try {
      await this.js.publish(
        this.naming.deadLetterSubject(this.options.service, meta.consumer),
        JSON.stringify(record),
        {
          msgID: `${meta.consumer}:${msg.seq}`,
        },
      );
      this.logger.error({
        msg: 'event dead-lettered',
        consumer: meta.consumer,
        streamSequence: msg.seq,
        error: error.message,
      });
      msg.term(error.message.slice(0, 200));
    } catch (publishError) {
      // Never drop: leave it for redelivery until the dead-letter stream takes it.
      this.logger.error({
        msg: 'dead-letter publish failed',
        error: (publishError as Error).message,
      });
      msg.nak(5000);
    }
  }
}
