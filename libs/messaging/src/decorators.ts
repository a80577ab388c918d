import { SetMetadata } from '@nestjs/common';
import type { Envelope, Identity, RequestContract } from '@civitas/contracts';
import type { ConsumerDeclaration } from './consumer-declaration.js';
import type { Transaction } from './unit-of-work.js';

export const EVENT_HANDLER = Symbol('civitas:event-handler');
export const REQUEST_HANDLER = Symbol('civitas:request-handler');

export type EventHandlerMetadata = ConsumerDeclaration;

export interface PrepareContext<P> {
  envelope: Envelope<P>;
}

export interface EventContext<P, R = void> {
  envelope: Envelope<P>;
  /** The transaction that records the inbox entry; write the effect and emit events through it. */
  tx: Transaction;
  /** What `prepare` returned for this event (undefined when the handler has no `prepare`). */
  prepared: R;
}

/**
 * A durable consumer's handler. `prepare` runs outside any transaction and is where requests to
 * other services go (a bus request inside the transaction would hold it open on another service,
 * and be sent again when a failed batch is re-applied one by one: docs/adr/0032). `handle` applies
 * the event inside the consumer's transaction, from the payload and what `prepare` found.
 */
export interface EventHandler<P, R = void> {
  prepare?(payload: P, context: PrepareContext<P>): Promise<R>;
  handle(payload: P, context: EventContext<P, R>): Promise<void>;
}

export interface RequestContext<Q> {
  envelope: Envelope<Q>;
  /** The person on whose behalf the calling service asks, when there is one. */
  identity: Identity;
}

export interface RequestHandler<Q, R> {
  handle(request: Q, context: RequestContext<Q>): Promise<R>;
}

/**
 * Marks a provider as the handler of one declared consumer. Declarations live in the service's
 * `messaging/consumers.ts`, are listed in its ServiceDefinition and in docs/consumers.json.
 */
export function OnEvent(declaration: ConsumerDeclaration): ClassDecorator {
  return SetMetadata(EVENT_HANDLER, declaration);
}

/** Marks a provider as the answerer of one request subject (queue group = the service). */
export function OnRequest(contract: RequestContract): ClassDecorator {
  return SetMetadata(REQUEST_HANDLER, contract);
}
