import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
  type OnModuleInit,
} from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import {
  jetstream,
  jetstreamManager,
  type ConsumerMessages,
  type JetStreamClient,
  type JsMsg,
} from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import {
  ContractValidationError,
  identityOf,
  validateAs,
  validateEnvelope,
  type Envelope,
} from '@civitas/contracts';
import {
  describeError,
  failSpan,
  runWithContext,
  SpanKind,
  SpanStatusCode,
  startSpan,
  type StartedSpan,
} from '@civitas/observability';
import { DataSource } from 'typeorm';
import { isTransientError } from './bus.errors.js';
import { BUS_OPTIONS, type BusOptions } from './bus.options.js';
import { BusMetrics } from './bus-metrics.js';
import { desiredConsumerOf, ensureConsumer } from './consumer-config.js';
import type { ConsumerDeclaration } from './consumer-declaration.js';
import { runInConsumerTransaction } from './consumer-transaction.js';
import { EVENT_HANDLER, type EventHandler } from './decorators.js';
import { FailureTally } from './failure-tally.js';
import { BusNaming } from './naming.js';
import { NATS_CONNECTION } from './nats.connection.js';
import { backoffMs } from './polling-loop.js';
import { ensureDeadLetterStream, ensureEventStream } from './streams.js';
import { messagingAttributes } from './tracing-attributes.js';
import { UnitOfWork } from './unit-of-work.js';

interface Decoded {
  envelope: Envelope<object>;
  payload: object;
  raw: unknown;
}

/**
 * A valid delivery and its span, a child of the span that emitted it (the envelope's
 * `traceparent`), under which it is prepared and applied; one per event, in a batch too.
 */
interface Delivery extends Decoded {
  msg: JsMsg;
  trace: StartedSpan;
}

/** A valid, unseen delivery with what its handler's `prepare` found, ready to apply. */
interface Ready extends Delivery {
  prepared: unknown;
}

interface Registered {
  meta: ConsumerDeclaration;
  handler: EventHandler<object, unknown>;
}

/** One consumer as it runs: its current pull, and what the watchdog reads of its progress. */
interface Running {
  registered: Registered;
  messages: ConsumerMessages | null;
  /** Events received since start (the watchdog compares it between periods). */
  received: number;
  lastChecked?: number;
  /** Applying a batch now (a long batch is progress, not a stall). */
  busy: boolean;
  /** When the batch being applied began (performance.now()), to say when one takes too long. */
  busySince: number;
  done: Promise<void>;
}

export type ConsumeOutcome = 'applied' | 'duplicate' | 'retry' | 'dead-lettered';

/** Most events applied in one transaction when a consumer has a backlog, unless it says fewer. */
const BATCH = 100;

/**
 * How long each pull waits on the server. The client expects an idle heartbeat every half of it
 * and pulls again after two are missed, so when a NATS node dies holding a consumer's leader, and
 * with it the pull waiting there, the consumer pulls from the new leader within this; with the
 * client's default (30 s) a cluster's consumer sat idle that long (docs/adr/0078). An idle
 * consumer sends one pull per period: cheap.
 */
export const PULL_EXPIRES_MS = 5_000;

/** How often each consumer is checked for a stalled pull, unless the options say. */
const CONSUMER_WATCHDOG_MS = 30_000;

/**
 * Delay before redelivering a failed event: 200 ms doubling per delivery, at most 30 s. By
 * JetStream's delivery count, transient failures included: an event retried through an outage
 * keeps waiting longer, though only its non-transient failures count towards dead-lettering.
 */
export function retryDelayMs(deliveryCount: number): number {
  return backoffMs(deliveryCount, 200, 30_000);
}

/** A handler's error, with the event it was applying (a batch holds many). */
class ApplyFailure extends Error {
  constructor(
    readonly eventId: string,
    override readonly cause: unknown,
  ) {
    super((cause as Error)?.message ?? String(cause));
    this.name = 'ApplyFailure';
  }
}

function contextOf(envelope: Envelope<object>) {
  return {
    correlationId: envelope.correlationId,
    causationId: envelope.id,
    identity: identityOf(envelope.actor),
  };
}

/**
 * Runs every `@OnEvent` provider as a durable JetStream pull consumer. Each event is prepared
 * outside any transaction (requests to other services), then applied in one transaction with its
 * inbox record (exactly once in effect) and acked after the commit; failures are retried with
 * back-off and, after `maxDeliver` non-transient failures (transient ones are retried without
 * limit and do not count, docs/adr/0097), published to the dead-letter stream.
 */
@Injectable()
export class EventConsumers
  implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown
{
  private readonly logger = new Logger('EventConsumers');
  private readonly naming: BusNaming;
  private readonly handlers: Registered[] = [];
  private readonly running: Running[] = [];
  /** Non-transient failures of the events being retried (docs/adr/0097). */
  private readonly failures = new FailureTally();
  private watchdog: ReturnType<typeof setInterval> | undefined;
  private js: JetStreamClient;
  private stopping = false;

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(BUS_OPTIONS) private readonly options: BusOptions,
    private readonly metrics: BusMetrics,
  ) {
    this.naming = new BusNaming(options.namespace);
  }

  /** Streams first: the outbox relay publishes to this service's own stream from bootstrap on. */
  async onModuleInit(): Promise<void> {
    for (const wrapper of this.discovery.getProviders()) {
      const meta = wrapper.metatype
        ? (Reflect.getMetadata(EVENT_HANDLER, wrapper.metatype) as ConsumerDeclaration | undefined)
        : undefined;
      if (meta && wrapper.instance) {
        this.handlers.push({ meta, handler: wrapper.instance as EventHandler<object, unknown> });
      }
    }
    this.checkDeclarations();
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
      const result = await ensureConsumer(
        jsm,
        stream,
        meta,
        desiredConsumerOf(meta, this.naming.subject(meta.contract.subject)),
      );
      switch (result.action) {
        case 'created':
          this.logger.log({
            msg: 'consumer created',
            consumer: meta.durable,
            stream,
            deliver: result.deliver,
          });
          break;
        case 'updated':
          this.logger.warn({
            msg: 'consumer config on the server differed from the code; updated',
            consumer: meta.durable,
            stream,
            changes: result.changes,
          });
          break;
        case 'recreated':
          this.logger.warn({
            msg: 'consumer config on the server differed from the code; recreated at its position',
            consumer: meta.durable,
            stream,
            changes: result.changes,
            fromSequence: result.fromSequence,
          });
          break;
        case 'unchanged':
          break;
      }
    }
  }

  /**
   * The handlers must be exactly the service's declared consumers (its `messaging/consumers.ts`,
   * checked against docs/consumers.json by a test): a consumer nobody declared would escape that.
   */
  private checkDeclarations(): void {
    const problems: string[] = [];
    const declared = new Map(this.options.consumers.map((c) => [c.durable, c]));
    const handled = new Map<string, number>();
    for (const { meta } of this.handlers) {
      handled.set(meta.durable, (handled.get(meta.durable) ?? 0) + 1);
      const declaration = declared.get(meta.durable);
      if (!declaration) {
        problems.push(
          `a handler consumes "${meta.durable}", which ${this.options.service} does not declare`,
        );
      } else if (declaration !== meta) {
        problems.push(
          `the handler of "${meta.durable}" does not use the service's declaration of it`,
        );
      }
    }
    for (const [durable, count] of handled) {
      if (count > 1) {
        problems.push(`${count} handlers consume "${durable}"`);
      }
    }
    for (const durable of declared.keys()) {
      if (!handled.has(durable)) {
        problems.push(`"${durable}" is declared but no @OnEvent handler consumes it`);
      }
    }
    if (problems.length > 0) {
      throw new Error(`${this.options.service}'s event consumers: ${problems.join('; ')}`);
    }
  }

  async onApplicationBootstrap(): Promise<void> {
    this.js = jetstream(this.nc);
    for (const registered of this.handlers) {
      const running: Running = {
        registered,
        messages: null,
        received: 0,
        busy: false,
        busySince: 0,
        done: null!,
      };
      running.messages = await this.consume(registered);
      running.done = this.supervise(running);
      this.running.push(running);
    }
    this.watchdog = setInterval(
      () => void this.checkStalled(),
      this.options.consumerWatchdogMs ?? CONSUMER_WATCHDOG_MS,
    );
    this.watchdog.unref();
    void this.pullAfresh();
    this.logger.log({
      msg: 'consumers started',
      consumers: this.handlers.map((h) => h.meta.durable),
    });
  }

  private async consume(registered: Registered): Promise<ConsumerMessages> {
    const consumer = await this.js.consumers.get(
      this.naming.stream(registered.meta.contract.owner),
      registered.meta.durable,
    );
    return consumer.consume({ max_messages: 200, expires: PULL_EXPIRES_MS });
  }

  /**
   * When the connection comes back to a server that kept running (a dropped connection, a stale
   * one, a cluster node the client moved off), every consumer pulls again from a new inbox. The
   * client re-pulls on the same inbox and never cancels the pulls it had sent; the server keeps
   * those, and when each expires the client, told how much it did not get, pulls again for it: each
   * reconnect left one pull more on the server for good, and the events handed to them waited out
   * the ack wait (docs/adr/0097). Pulls whose inbox nobody listens to any more are dropped by the
   * server. A server that restarted held no pulls: the same renewal costs a new subscription.
   */
  private async pullAfresh(): Promise<void> {
    for await (const status of this.nc.status()) {
      if (this.stopping) {
        return;
      }
      if (status.type === 'reconnect') {
        this.logger.warn({
          msg: 'NATS connection back; every consumer pulls again from a new inbox',
          consumers: this.running.length,
        });
        for (const running of this.running) {
          running.messages?.stop();
        }
      }
    }
  }

  /**
   * Runs one consumer for as long as the service does. A pull that ends or fails while the service
   * is not stopping (a NATS server restarted under it, a pull the server forgot) is started again,
   * never left silent: the chaos run saw a consumer stop pulling after a NATS restart and its
   * events wait until the service restarted (docs/adr/0077).
   */
  private async supervise(running: Running): Promise<void> {
    const { meta } = running.registered;
    for (let attempt = 0; !this.stopping;) {
      try {
        running.messages ??= await this.consume(running.registered);
        await this.pullLoop(running, running.messages);
        attempt = 0;
        if (!this.stopping) {
          this.logger.warn({ msg: 'consumer pull ended; pulling again', consumer: meta.durable });
        }
      } catch (error) {
        attempt += 1;
        if (!this.stopping) {
          this.logger.error({
            msg: 'consumer failed; starting it again',
            consumer: meta.durable,
            error: describeError(error),
          });
        }
      }
      // A pull loop that failed leaves its subscription open: stopped, or its pulls would go on
      // renewing themselves on the server with nobody reading what they bring.
      running.messages?.stop();
      running.messages = null;
      if (!this.stopping) {
        await new Promise((r) => setTimeout(r, backoffMs(attempt + 1, 250, 10_000)));
      }
    }
  }

  private async pullLoop(running: Running, messages: ConsumerMessages): Promise<void> {
    const { registered } = running;
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
      running.received += batch.length;
      running.busy = true;
      const started = performance.now();
      running.busySince = started;
      try {
        const outcomes = await this.processBatch(registered, batch);
        this.metrics.recordBatch(
          registered.meta.durable,
          outcomes,
          (performance.now() - started) / 1000,
        );
      } finally {
        running.busy = false;
      }
      if (ended) {
        return;
      }
    }
  }

  /** Stops a consumer's current pull; `supervise` starts another (the watchdog's remedy). */
  pullAgain(durable: string): void {
    this.running.find((r) => r.registered.meta.durable === durable)?.messages?.stop();
  }

  /**
   * A consumer that received nothing for a whole watchdog period while the server holds events for
   * it is pulling nothing: its pull is stopped, and `supervise` pulls again. The server holds
   * events for it when some wait to be delivered (pending) or to be delivered again (delivered,
   * not acknowledged: a failed event waiting out its back-off, or one whose ack a NATS restart
   * lost); and it is pulling nothing when no pull of this consumer waits on the server, or when
   * events wait and none is out for acknowledgement. Events waiting to be delivered again did not
   * count before: each NATS restart leaves some (acks in flight are lost), so a pull that died in
   * the restart was never noticed and the consumer stayed silent until the service restarted
   * (docs/adr/0090). A batch applying for longer than a period is logged (what it waits on is
   * not the pull's doing).
   */
  private async checkStalled(): Promise<void> {
    const jsm = await jetstreamManager(this.nc).catch(() => null);
    const periodMs = this.options.consumerWatchdogMs ?? CONSUMER_WATCHDOG_MS;
    for (const running of this.running) {
      const seen = running.received;
      const last = running.lastChecked;
      running.lastChecked = seen;
      const { meta } = running.registered;
      if (running.busy && performance.now() - running.busySince > periodMs) {
        this.logger.error({
          msg: 'consumer has been applying one batch for longer than the watchdog period',
          consumer: meta.durable,
          seconds: Math.round((performance.now() - running.busySince) / 1000),
        });
      }
      if (this.stopping || !jsm || running.busy || !running.messages || last !== seen) {
        continue;
      }
      try {
        const info = await jsm.consumers.info(
          this.naming.stream(meta.contract.owner),
          meta.durable,
        );
        const undelivered = info.num_pending;
        const redeliverable = info.num_ack_pending;
        const stalled =
          (undelivered > 0 && redeliverable === 0) ||
          (undelivered + redeliverable > 0 && info.num_waiting === 0);
        if (stalled && running.received === seen && !running.busy) {
          this.logger.warn({
            msg: 'consumer received nothing while events wait for it; pulling again',
            consumer: meta.durable,
            pending: undelivered,
            unacknowledged: redeliverable,
            pullsWaiting: info.num_waiting,
          });
          this.pullAgain(meta.durable);
        }
      } catch {
        // NATS not answering now: the next period looks again.
      }
    }
  }

  /**
   * Before the database closes (TypeORM's DataSource goes in `onApplicationShutdown`): a batch
   * still being applied must finish while it can, or its events fail on a closed pool and, after
   * enough deliveries, would be dead-lettered (the chaos run found it, docs/adr/0077).
   */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    clearInterval(this.watchdog);
    for (const r of this.running) {
      r.messages?.stop();
    }
    await Promise.all(this.running.map((r) => r.done));
  }

  /**
   * Handles what arrived for one consumer. Each event is prepared outside any transaction, then the
   * lot is applied in one transaction; when anything in it fails, the reason is logged, the batch
   * is rolled back and each event is applied on its own (with what was already prepared), so one
   * bad event is retried or dead-lettered alone and no request is sent twice.
   */
  async processBatch(registered: Registered, msgs: JsMsg[]): Promise<ConsumeOutcome[]> {
    const { meta } = registered;
    const outcomes = new Map<JsMsg, ConsumeOutcome>();
    const valid: Delivery[] = [];
    for (const msg of msgs) {
      const decoded = this.decode(meta, msg);
      if ('error' in decoded) {
        // A message that can never be valid is not retried: straight to the dead letters.
        await this.deadLetter(meta, msg, decoded.raw, decoded.error);
        outcomes.set(msg, 'dead-lettered');
      } else {
        valid.push({
          msg,
          ...decoded,
          trace: this.startProcessing(meta, decoded, msg, msgs.length),
        });
      }
    }
    try {
      return await this.processValid(registered, msgs, valid, outcomes);
    } finally {
      for (const { msg, trace } of valid) {
        const outcome = outcomes.get(msg) ?? 'retry';
        trace.span.setAttribute('civitas.consumer.outcome', outcome);
        if (outcome === 'retry' || outcome === 'dead-lettered') {
          trace.span.setStatus({ code: SpanStatusCode.ERROR, message: outcome });
        }
        trace.span.end();
      }
    }
  }

  private startProcessing(
    meta: ConsumerDeclaration,
    { envelope }: Decoded,
    msg: JsMsg,
    batch: number,
  ): StartedSpan {
    return startSpan(`process ${meta.contract.subject}`, {
      kind: SpanKind.CONSUMER,
      parent: { traceparent: envelope.traceparent },
      attributes: messagingAttributes(meta.contract.subject, 'process', {
        'messaging.consumer.group.name': meta.durable,
        'messaging.message.id': envelope.id,
        'messaging.batch.message_count': batch,
        'civitas.deliveries': msg.info.deliveryCount,
      }),
    });
  }

  private async processValid(
    registered: Registered,
    msgs: JsMsg[],
    valid: Delivery[],
    outcomes: Map<JsMsg, ConsumeOutcome>,
  ): Promise<ConsumeOutcome[]> {
    const { meta, handler } = registered;
    const ready: Ready[] = [];
    if (handler.prepare) {
      // Nothing is prepared (no request sent) for an event this consumer has already applied.
      let seen: Set<string>;
      try {
        seen = await this.alreadyApplied(
          meta,
          valid.map((v) => v.envelope.id),
        );
      } catch (error) {
        // The database is not answering: retried like any failure, the consumer keeps running.
        for (const item of valid) {
          outcomes.set(item.msg, await this.failed(meta, item, error));
        }
        return msgs.map((msg) => outcomes.get(msg) ?? 'retry');
      }
      for (const item of valid) {
        if (seen.has(item.envelope.id)) {
          item.msg.ack();
          this.failures.forget(meta.durable, item.msg.seq);
          outcomes.set(item.msg, 'duplicate');
          continue;
        }
        try {
          const prepared = await item.trace.run(() =>
            runWithContext(contextOf(item.envelope), () =>
              handler.prepare!(item.payload, { envelope: item.envelope }),
            ),
          );
          ready.push({ ...item, prepared });
        } catch (error) {
          outcomes.set(item.msg, await this.failed(meta, item, error));
        }
      }
    } else {
      ready.push(...valid.map((item) => ({ ...item, prepared: undefined })));
    }
    if (ready.length > 1) {
      try {
        const applied = await this.apply(registered, ready);
        ready.forEach((item, i) => outcomes.set(item.msg, applied[i]));
      } catch (error) {
        this.logger.warn({
          msg: 'batch failed; applying its events one by one',
          consumer: meta.durable,
          events: ready.length,
          eventId: error instanceof ApplyFailure ? error.eventId : undefined,
          error: describeError(error instanceof ApplyFailure ? error.cause : error),
        });
        for (const item of ready) {
          outcomes.set(item.msg, await this.applyOne(registered, item));
        }
      }
    } else if (ready.length === 1) {
      outcomes.set(ready[0].msg, await this.applyOne(registered, ready[0]));
    }
    return msgs.map((msg) => outcomes.get(msg) ?? 'retry');
  }

  /** Handles one delivery. Public for tests that drive redelivery by hand. */
  async process(registered: Registered, msg: JsMsg): Promise<ConsumeOutcome> {
    const [outcome] = await this.processBatch(registered, [msg]);
    return outcome;
  }

  private async alreadyApplied(meta: ConsumerDeclaration, ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) {
      return new Set();
    }
    const rows: { message_id: string }[] = await this.dataSource.query(
      `SELECT message_id FROM inbox WHERE consumer = $1 AND message_id = ANY($2::uuid[])`,
      [meta.durable, ids],
    );
    return new Set(rows.map((r) => r.message_id));
  }

  private async applyOne(registered: Registered, item: Ready): Promise<ConsumeOutcome> {
    try {
      const [outcome] = await this.apply(registered, [item]);
      return outcome;
    } catch (error) {
      return this.failed(registered.meta, item, error);
    }
  }

  /**
   * The one apply path, for a batch and for a single event: inbox rows for all, the handler for
   * those this consumer has not seen, the events they emit flushed to the outbox, one commit, then
   * the acks. No bus request may be sent in here (BusClient refuses).
   */
  private async apply(registered: Registered, items: Ready[]): Promise<ConsumeOutcome[]> {
    const { meta, handler } = registered;
    const outcomes = await this.dataSource.transaction((manager) =>
      runInConsumerTransaction(meta.durable, async () => {
        // One inbox insert for the whole lot; what comes back is what this consumer has not seen.
        const fresh = new Set(
          (
            (await manager.query(
              `INSERT INTO inbox (consumer, message_id)
               SELECT $1, id FROM unnest($2::uuid[]) AS id
               ON CONFLICT DO NOTHING RETURNING message_id`,
              [meta.durable, items.map((item) => item.envelope.id)],
            )) as { message_id: string }[]
          ).map((row) => row.message_id),
        );
        const tx = this.uow.wrap(manager);
        const result: ConsumeOutcome[] = [];
        for (const { envelope, payload, prepared, trace } of items) {
          if (!fresh.delete(envelope.id)) {
            result.push('duplicate');
            continue;
          }
          try {
            // Events the handler emits carry this event's span as their parent.
            await trace.run(() =>
              runWithContext(contextOf(envelope), () =>
                handler.handle(payload, { envelope, tx, prepared }),
              ),
            );
          } catch (error) {
            throw new ApplyFailure(envelope.id, error);
          }
          result.push('applied');
        }
        await tx.flush();
        return result;
      }),
    );
    if (outcomes.includes('applied')) {
      this.uow.afterCommit();
    }
    for (const item of items) {
      item.msg.ack();
      this.failures.forget(meta.durable, item.msg.seq);
    }
    const applied = outcomes.filter((outcome) => outcome === 'applied').length;
    if (applied > 0) {
      // Which replica did the work, when it matters (LOG_LEVEL=debug): replicas share the consumer.
      this.logger.debug({ msg: 'events applied', consumer: meta.durable, applied });
    }
    return outcomes;
  }

  /**
   * A failed event: retried with back-off, or dead-lettered at its `maxDeliver`th non-transient
   * failure. Transient failures (a peer or the database away) are retried without limit and do not
   * count: JetStream's delivery count does, so after an outage of a few dozen tries the first
   * failure the next try would have got past dead-lettered at once (docs/adr/0097). The count is
   * this replica's, in memory: lost on a restart or when another replica takes the next try, which
   * gives the event more tries, never fewer.
   */
  private async failed(
    meta: ConsumerDeclaration,
    { msg, envelope, raw, trace }: Delivery,
    thrown: unknown,
  ): Promise<ConsumeOutcome> {
    const error = (thrown instanceof ApplyFailure ? thrown.cause : thrown) as Error;
    failSpan(trace.span, error);
    const deliveries = msg.info.deliveryCount;
    const transient = isTransientError(error);
    const failures = transient
      ? this.failures.of(meta.durable, msg.seq)
      : this.failures.add(meta.durable, msg.seq);
    if (!transient && failures >= this.options.maxDeliver) {
      await this.deadLetter(meta, msg, raw, error, failures);
      return 'dead-lettered';
    }
    this.logger.warn({
      msg: 'event handler failed; will retry',
      consumer: meta.durable,
      eventId: envelope.id,
      deliveries,
      failures,
      transient,
      error: describeError(error),
    });
    msg.nak(retryDelayMs(deliveries));
    return 'retry';
  }

  private decode(meta: ConsumerDeclaration, msg: JsMsg): Decoded | { error: Error; raw: unknown } {
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

  private async deadLetter(
    meta: ConsumerDeclaration,
    msg: JsMsg,
    raw: unknown,
    error: Error,
    failures = 1,
  ): Promise<void> {
    const record = {
      service: this.options.service,
      consumer: meta.durable,
      subject: msg.subject,
      streamSequence: msg.seq,
      deliveries: msg.info.deliveryCount,
      /** Non-transient failures seen by the replica that dead-lettered it (docs/adr/0097). */
      failures,
      error: { name: error.name, message: error.message },
      message: raw ?? msg.string(),
      deadLetteredAt: new Date().toISOString(),
    };
    try {
      await this.js.publish(
        this.naming.deadLetterSubject(this.options.service, meta.durable),
        JSON.stringify(record),
        {
          msgID: `${meta.durable}:${msg.seq}`,
        },
      );
      this.logger.error({
        msg: 'event dead-lettered',
        consumer: meta.durable,
        streamSequence: msg.seq,
        error: describeError(error),
      });
      // No reason: nats-server 2.9 does not read `+TERM <reason>` as a term, so the event stayed
      // unacknowledged, came again after every ack wait and was dead-lettered again (the chaos run,
      // docs/adr/0090). The reason is in the dead letter.
      msg.term();
      this.failures.forget(meta.durable, msg.seq);
    } catch (publishError) {
      // Never drop: leave it for redelivery until the dead-letter stream takes it.
      this.logger.error({
        msg: 'dead-letter publish failed',
        error: describeError(publishError),
      });
      msg.nak(5000);
    }
  }
}
