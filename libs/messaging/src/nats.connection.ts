import { connect, type NatsConnection } from '@nats-io/transport-node';

export const NATS_CONNECTION = Symbol('NATS_CONNECTION');

export async function connectNats(url: string, name: string): Promise<NatsConnection> {
  return connect({
    servers: url,
    name,
    maxReconnectAttempts: -1,
    reconnectTimeWait: 500,
  });
}
