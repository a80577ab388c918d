import { randomUUID } from 'node:crypto';
import { actorFor, type Envelope, type Identity, type ServiceName } from '@civitas/contracts';
import { currentContext, currentTraceparent } from '@civitas/observability';

/**
 * Wraps a payload for the bus, carrying the correlation id and caller of the work in hand and,
 * with tracing on, its span's `traceparent` (an event written to the outbox thus carries the
 * context of the request or event that wrote it).
 */
export function createEnvelope<T>(
  service: ServiceName,
  type: string,
  payload: T,
  identity?: Identity | null,
): Envelope<T> {
  const context = currentContext();
  const traceparent = currentTraceparent();
  return {
    id: randomUUID(),
    type,
    occurredAt: new Date().toISOString(),
    correlationId: context?.correlationId ?? randomUUID(),
    causationId: context?.causationId ?? null,
    actor: actorFor(service, identity ?? context?.identity ?? null),
    ...(traceparent ? { traceparent } : {}),
    payload,
  };
}
