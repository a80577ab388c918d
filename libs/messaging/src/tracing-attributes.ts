import type { Attributes } from '@civitas/observability';

/**
 * The OpenTelemetry messaging attributes of a span about one subject (its contract subject, with
 * no bus namespace): system, destination and operation, plus whatever the caller adds.
 */
export function messagingAttributes(
  subject: string,
  operation: 'create' | 'send' | 'process',
  extra: Attributes = {},
): Attributes {
  return {
    'messaging.system': 'nats',
    'messaging.destination.name': subject,
    'messaging.operation.type': operation,
    ...extra,
  };
}
