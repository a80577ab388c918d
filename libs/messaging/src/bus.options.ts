import type { ServiceName } from '@civitas/contracts';

export interface BusOptions {
  service: Exclude<ServiceName, 'gateway'>;
  natsUrl: string;
  /** Prefix for subjects and streams; empty in production. */
  namespace: string;
  /** Deliveries of one event before it goes to the dead-letter stream. */
  maxDeliver: number;
  /** How often the outbox relay looks for rows it was not told about (crash recovery). */
  outboxPollMs?: number;
  requestTimeoutMs?: number;
  /** Replicas for the streams this service creates. */
  streamReplicas?: number;
}

export const BUS_OPTIONS = Symbol('BUS_OPTIONS');
