import { Logger } from '@nestjs/common';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { inboxPrefixOf, type BusService } from './nats-permissions.js';

export const NATS_CONNECTION = Symbol('NATS_CONNECTION');

/**
 * The servers a `NATS_URL` names: one URL, or the members of a cluster separated by commas
 * (`nats://a:4222,nats://b:4222`). The client takes the list as an array: given the whole string
 * as one server, it would never fail over to the others.
 */
export function natsServers(url: string): string[] {
  return url
    .split(',')
    .map((server) => server.trim())
    .filter(Boolean);
}

/**
 * Connects as the service: its NATS user when given, and replies always on its own inbox prefix,
 * the only inbox its user may subscribe to (docs/adr/0046).
 */
export async function connectNats(
  url: string,
  service: BusService,
  credentials: { user?: string; pass?: string } = {},
): Promise<NatsConnection> {
  const nc = await connect({
    servers: natsServers(url),
    name: service,
    inboxPrefix: inboxPrefixOf(service),
    ...(credentials.user ? { user: credentials.user, pass: credentials.pass } : {}),
    maxReconnectAttempts: -1,
    reconnectTimeWait: 500,
  });
  // Which server a service lost and which it moved to: what an operator reads after a NATS node dies.
  const logger = new Logger('NatsConnection');
  void (async () => {
    for await (const status of nc.status()) {
      if (status.type === 'disconnect' || status.type === 'reconnect') {
        logger.warn({ msg: `NATS ${status.type}`, server: status.server });
      }
    }
  })();
  return nc;
}
