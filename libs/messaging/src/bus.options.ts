import type { ServiceName } from '@civitas/contracts';
import type { ConsumerDeclaration } from './consumer-declaration.js';

export interface BusOptions {
  service: Exclude<ServiceName, 'gateway'>;
  natsUrl: string;
  /** The service's own NATS user (docs/adr/0046); unset on a server without authorization. */
  natsUser?: string;
  natsPassword?: string;
  /** Prefix for subjects and streams; empty in production. */
  namespace: string;
  /** Non-transient failures of one event before it goes to the dead-letter stream (docs/adr/0097). */
  maxDeliver: number;
  /**
   * Every durable consumer the service declares (its `messaging/consumers.ts`); each needs exactly
   * one `@OnEvent` handler and no handler may consume anything else.
   */
  consumers: readonly ConsumerDeclaration[];
  /** How often the outbox relay looks for rows it was not told about (crash recovery). */
  outboxPollMs?: number;
  requestTimeoutMs?: number;
  /**
   * How often each consumer is checked for a pull that brings nothing while events wait for it
   * (default 30 s; docs/adr/0077, 0090).
   */
  consumerWatchdogMs?: number;
  /** Replicas for the streams this service creates. */
  streamReplicas?: number;
}

export const BUS_OPTIONS = Symbol('BUS_OPTIONS');
