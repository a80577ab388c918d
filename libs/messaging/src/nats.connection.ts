import { connect, type NatsConnection } from '@nats-io/transport-node';
import { inboxPrefixOf, type BusService } from './nats-permissions.js';

export const NATS_CONNECTION = Symbol('NATS_CONNECTION');

/**
 * Connects as the service: its NATS user when given, and replies always on its own inbox prefix,
 * the only inbox its user may subscribe to (docs/adr/0046).
 */
export async function connectNats(
  url: string,
  service: BusService,
  credentials: { user?: string; pass?: string } = {},
): Promise<NatsConnection> {
  return connect({
    servers: url,
    name: service,
    inboxPrefix: inboxPrefixOf(service),
    ...(credentials.user ? { user: credentials.user, pass: credentials.pass } : {}),
    maxReconnectAttempts: -1,
    reconnectTimeWait: 500,
  });
}
