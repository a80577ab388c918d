import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type BeforeApplicationShutdown,
} from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import type { Msg, NatsConnection, Subscription } from '@nats-io/transport-node';
import {
  ContractValidationError,
  identityOf,
  validateAs,
  validateEnvelope,
  type Envelope,
  type RequestContract,
} from '@civitas/contracts';
import {
  describeError,
  runWithContext,
  SpanKind,
  SpanStatusCode,
  startSpan,
  type StartedSpan,
} from '@civitas/observability';
import { BUS_OPTIONS, type BusOptions } from './bus.options.js';
import { BusMetrics } from './bus-metrics.js';
import { RequestRejected, type WireReply } from './bus.errors.js';
import { REQUEST_HANDLER, type RequestHandler } from './decorators.js';
import { BusNaming } from './naming.js';
import { NATS_CONNECTION } from './nats.connection.js';
import { messagingAttributes } from './tracing-attributes.js';

/**
 * Answers every `@OnRequest` provider's subject over core NATS with a queue group named after the
 * service, so replicas share requests. Checks the envelope, the calling service and the payload
 * before the handler runs; answers `{ ok, payload | error }`.
 */
@Injectable()
export class RequestResponder implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('RequestResponder');
  private readonly naming: BusNaming;
  private readonly subscriptions: Subscription[] = [];
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly discovery: DiscoveryService,
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(BUS_OPTIONS) private readonly options: BusOptions,
    private readonly metrics: BusMetrics,
  ) {
    this.naming = new BusNaming(options.namespace);
  }

  onApplicationBootstrap(): void {
    for (const wrapper of this.discovery.getProviders()) {
      const contract = wrapper.metatype
        ? (Reflect.getMetadata(REQUEST_HANDLER, wrapper.metatype) as RequestContract | undefined)
        : undefined;
      if (!contract || !wrapper.instance) {
        continue;
      }
      if (contract.owner !== this.options.service) {
        throw new Error(
          `${this.options.service} cannot answer ${contract.subject}: ${contract.owner} owns it`,
        );
      }
      const handler = wrapper.instance as RequestHandler<object, object>;
      const sub = this.nc.subscribe(this.naming.subject(contract.subject), {
        queue: this.options.service,
        callback: (err, msg) => {
          if (err) {
            this.logger.error({
              msg: 'subscription error',
              subject: contract.subject,
              error: describeError(err),
            });
            return;
          }
          const work = this.answer(contract, handler, msg).finally(() =>
            this.inFlight.delete(work),
          );
          this.inFlight.add(work);
        },
      });
      this.subscriptions.push(sub);
    }
  }

  /** Before the database closes: requests being answered finish with it. */
  async beforeApplicationShutdown(): Promise<void> {
    for (const sub of this.subscriptions) {
      sub.unsubscribe();
    }
    await Promise.allSettled([...this.inFlight]);
  }

  private async answer(
    contract: RequestContract,
    handler: RequestHandler<object, object>,
    msg: Msg,
  ): Promise<void> {
    const started = performance.now();
    let reply: WireReply;
    let envelope: Envelope<object> | undefined;
    let trace: StartedSpan | undefined;
    try {
      envelope = validateEnvelope(msg.json(), contract.subject) as Envelope<object>;
      // A child of the caller's request span; the handler's work (and its events) under it.
      trace = startSpan(`process ${contract.subject}`, {
        kind: SpanKind.SERVER,
        parent: { traceparent: envelope.traceparent },
        attributes: messagingAttributes(contract.subject, 'process', {
          'messaging.consumer.group.name': this.options.service,
          'messaging.message.id': envelope.id,
        }),
      });
      if (!contract.callers.includes(envelope.actor.service)) {
        throw new RequestRejected(
          'FORBIDDEN',
          `${envelope.actor.service} may not call ${contract.subject}`,
        );
      }
      const request = validateAs(contract.request, envelope.payload, contract.subject);
      const env = envelope;
      const result = await trace.run(() =>
        runWithContext(
          {
            correlationId: env.correlationId,
            causationId: env.id,
            identity: identityOf(env.actor),
          },
          () => handler.handle(request, { envelope: env, identity: identityOf(env.actor) }),
        ),
      );
      const plain = JSON.parse(JSON.stringify(result)) as object;
      validateAs(contract.reply, plain, `${contract.subject} (reply)`);
      reply = { ok: true, payload: plain };
    } catch (error) {
      reply = { ok: false, error: this.toWireError(contract, error as Error) };
    }
    msg.respond(JSON.stringify(reply));
    if (trace) {
      if (!reply.ok) {
        trace.span.setStatus({ code: SpanStatusCode.ERROR, message: reply.error!.code });
      }
      trace.span.end();
    }
    this.metrics.recordRequest(
      contract.subject,
      reply.ok ? 'ok' : reply.error!.code,
      (performance.now() - started) / 1000,
    );
  }

  private toWireError(contract: RequestContract, error: Error): NonNullable<WireReply['error']> {
    if (error instanceof RequestRejected) {
      return { code: error.code, message: error.message, problems: error.problems };
    }
    if (error instanceof ContractValidationError) {
      return { code: 'BAD_REQUEST', message: error.message, problems: error.problems };
    }
    if (error instanceof SyntaxError) {
      return { code: 'BAD_REQUEST', message: 'request is not JSON' };
    }
    this.logger.error({
      msg: 'request handler failed',
      subject: contract.subject,
      error: describeError(error),
    });
    return { code: 'INTERNAL', message: `${contract.subject} failed` };
  }
}
