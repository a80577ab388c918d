import { SetMetadata } from '@nestjs/common';
import type { Envelope, EventContract, Identity, RequestContract } from '@civitas/contracts';
import type { Transaction } from './unit-of-work.js';

export const EVENT_HANDLER = Symbol('civitas:event-handler');
export const REQUEST_HANDLER = Symbol('civitas:request-handler');

export interface EventHandlerMetadata {
  contract: EventContract;
  /** Durable consumer name, unique within the service. */
  consumer: string;
  /** Most events applied in one transaction when the consumer has a backlog (default 100). */
  maxBatch?: number;
}

export interface OnEventOptions {
  /**
   * Most events applied in one transaction. Lower it for events that each carry many records
   * (imported history), so one transaction stays short.
   */
  maxBatch?: number;
}

export interface EventContext<P> {
  envelope: Envelope<P>;
  /** The transaction that records the inbox entry; write the effect and emit events through it. */
  tx: Transaction;
}

export interface EventHandler<P> {
  handle(payload: P, context: EventContext<P>): Promise<void>;
}

export interface RequestContext<Q> {
  envelope: Envelope<Q>;
  /** The person on whose behalf the calling service asks, when there is one. */
  identity: Identity;
}

export interface RequestHandler<Q, R> {
  handle(request: Q, context: RequestContext<Q>): Promise<R>;
}

/** Marks a provider as the durable JetStream consumer of one event. */
export function OnEvent(
  contract: EventContract,
  consumer: string,
  options: OnEventOptions = {},
): ClassDecorator {
  return SetMetadata(EVENT_HANDLER, {
    contract,
    consumer,
    maxBatch: options.maxBatch,
  } satisfies EventHandlerMetadata);
}

/** Marks a provider as the answerer of one request subject (queue group = the service). */
export function OnRequest(contract: RequestContract): ClassDecorator {
  return SetMetadata(REQUEST_HANDLER, contract);
}
