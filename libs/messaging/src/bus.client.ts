import { Inject, Injectable } from '@nestjs/common';
import { errors as natsErrors, type NatsConnection } from '@nats-io/transport-node';
import { validateAs, type RequestContract } from '@civitas/contracts';
import { inSpan, SpanKind } from '@civitas/observability';
import { BUS_OPTIONS, type BusOptions } from './bus.options.js';
import { BusRequestError, type WireReply } from './bus.errors.js';
import { currentConsumerTransaction } from './consumer-transaction.js';
import { createEnvelope } from './envelope.factory.js';
import { BusNaming } from './naming.js';
import { NATS_CONNECTION } from './nats.connection.js';
import { messagingAttributes } from './tracing-attributes.js';

/** Sends commands and queries that need an answer now (core NATS request/reply). */
@Injectable()
export class BusClient {
  private readonly naming: BusNaming;

  constructor(
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(BUS_OPTIONS) private readonly options: BusOptions,
  ) {
    this.naming = new BusNaming(options.namespace);
  }

  /** With tracing on, the request is a CLIENT span, the parent of the answering service's. */
  request<Q extends object, R extends object>(
    contract: RequestContract<Q, R>,
    payload: Q,
    timeoutMs = this.options.requestTimeoutMs ?? 5000,
  ): Promise<R> {
    return inSpan(
      `send ${contract.subject}`,
      { kind: SpanKind.CLIENT, attributes: messagingAttributes(contract.subject, 'send') },
      () => this.send(contract, payload, timeoutMs),
    );
  }

  private async send<Q extends object, R extends object>(
    contract: RequestContract<Q, R>,
    payload: Q,
    timeoutMs: number,
  ): Promise<R> {
    const consumer = currentConsumerTransaction();
    if (consumer !== undefined) {
      // Resolve first, then apply: the request would hold the transaction open on another service
      // and be sent again whenever the batch is re-applied (docs/adr/0032).
      throw new Error(
        `${contract.subject} requested inside the transaction of consumer "${consumer}": send it from the handler's prepare()`,
      );
    }
    const envelope = createEnvelope(
      this.options.service,
      contract.subject,
      JSON.parse(JSON.stringify(payload)) as Q,
    );
    let reply: WireReply;
    try {
      const msg = await this.nc.request(
        this.naming.subject(contract.subject),
        JSON.stringify(envelope),
        {
          timeout: timeoutMs,
        },
      );
      reply = msg.json<WireReply>();
    } catch (error) {
      if (error instanceof natsErrors.NoRespondersError) {
        throw new BusRequestError(
          'UNAVAILABLE',
          `${contract.owner} is not answering ${contract.subject}`,
          contract.subject,
        );
      }
      if (error instanceof natsErrors.TimeoutError) {
        throw new BusRequestError(
          'TIMEOUT',
          `${contract.subject} timed out after ${timeoutMs} ms`,
          contract.subject,
        );
      }
      if (error instanceof natsErrors.RequestError && error.isNoResponders()) {
        throw new BusRequestError(
          'UNAVAILABLE',
          `${contract.owner} is not answering ${contract.subject}`,
          contract.subject,
        );
      }
      throw error;
    }
    if (!reply.ok) {
      const e = reply.error ?? { code: 'INTERNAL' as const, message: 'no error given' };
      throw new BusRequestError(e.code, e.message, contract.subject, e.problems ?? []);
    }
    return validateAs(contract.reply, reply.payload, `${contract.subject} (reply)`);
  }
}
