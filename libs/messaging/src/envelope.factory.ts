import { randomUUID } from 'node:crypto';
import { actorFor, type Envelope, type Identity, type ServiceName } from '@civitas/contracts';
import { currentContext } from '@civitas/observability';

/** Wraps a payload for the bus, carrying the correlation id and caller of the work in hand. */
export function createEnvelope<T>(
  service: ServiceName,
  type: string,
  payload: T,
  identity?: Identity | null,
): Envelope<T> {
  const context = currentContext();
  return {
    id: randomUUID(),
    type,
    occurredAt: new Date().toISOString(),
    correlationId: context?.correlationId ?? randomUUID(),
    causationId: context?.causationId ?? null,
    actor: actorFor(service, identity ?? context?.identity ?? null),
    payload,
  };
}
