import {
  AckPolicy,
  DeliverPolicy,
  JetStreamApiCodes,
  JetStreamApiError,
  type ConsumerInfo,
  type JetStreamManager,
} from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';
import type { ConsumerDeclaration } from './consumer-declaration.js';

/** The settings the code owns on the server; reconciled at every start-up (docs/adr/0031). */
export interface DesiredConsumer {
  durable_name: string;
  filter_subject: string;
  ack_policy: AckPolicy;
  ack_wait: number;
  max_deliver: number;
  max_ack_pending: number;
}

export function desiredConsumerOf(
  declaration: ConsumerDeclaration,
  filterSubject: string,
): DesiredConsumer {
  return {
    durable_name: declaration.durable,
    filter_subject: filterSubject,
    ack_policy: AckPolicy.Explicit,
    ack_wait: nanos(30_000),
    // Dead-lettering is ours (with the error attached); the server must never drop silently.
    max_deliver: -1,
    max_ack_pending: 1000,
  };
}

/** Settings a running consumer can take in place (nats-server 2.9 refuses the rest). */
const UPDATABLE = ['filter_subject', 'ack_wait', 'max_deliver', 'max_ack_pending'] as const;

/**
 * nats-server 2.9.10 accepts a new filter subject in place, but a pull already waiting is never
 * served under it (checked against the real server): such a consumer is recreated at its position.
 */
const RECREATE_FOR = new Set<string>(['filter_subject']);

export class ConsumerConfigError extends Error {
  override readonly name = 'ConsumerConfigError';
}

export interface ConsumerChange {
  field: string;
  stored: unknown;
  declared: unknown;
}

export type EnsureResult =
  | { action: 'created'; deliver: DeliverPolicy }
  | { action: 'updated'; changes: ConsumerChange[] }
  | { action: 'recreated'; changes: ConsumerChange[]; fromSequence: number }
  | { action: 'unchanged' };

/**
 * Creates the durable when missing (starting where its declaration says), or brings a stored
 * consumer to what the code declares. A setting the server cannot change in place stops the
 * service with the reason: consuming under a config the code does not declare is worse.
 */
export async function ensureConsumer(
  jsm: JetStreamManager,
  stream: string,
  declaration: ConsumerDeclaration,
  desired: DesiredConsumer,
): Promise<EnsureResult> {
  let info: ConsumerInfo;
  try {
    info = await jsm.consumers.info(stream, desired.durable_name);
  } catch (error) {
    if (!(
      error instanceof JetStreamApiError && error.code === JetStreamApiCodes.ConsumerNotFound
    )) {
      throw error;
    }
    const deliver = declaration.deliver === 'new' ? DeliverPolicy.New : DeliverPolicy.All;
    await jsm.consumers.add(stream, { ...desired, deliver_policy: deliver });
    return { action: 'created', deliver };
  }
  const stored = info.config;
  if (stored.ack_policy !== desired.ack_policy) {
    throw new ConsumerConfigError(
      `consumer "${desired.durable_name}" on ${stream} acks "${stored.ack_policy}" on the server but the code needs "${desired.ack_policy}", which the server cannot change in place. Delete it (nats consumer rm ${stream} ${desired.durable_name}) after noting its position, or retire the name (docs/consumers.json).`,
    );
  }
  const changes: ConsumerChange[] = UPDATABLE.filter(
    (field) => (stored[field] ?? null) !== desired[field],
  ).map((field) => ({ field, stored: stored[field], declared: desired[field] }));
  if (changes.length === 0) {
    return { action: 'unchanged' };
  }
  if (changes.some((c) => RECREATE_FOR.has(c.field))) {
    // Everything up to what was delivered is done when nothing awaits an ack; otherwise resume
    // after the ack floor (what is redelivered, the inbox recognises).
    const done = info.num_ack_pending === 0 ? info.delivered.stream_seq : info.ack_floor.stream_seq;
    await jsm.consumers.delete(stream, desired.durable_name);
    await jsm.consumers.add(stream, {
      ...desired,
      deliver_policy: DeliverPolicy.StartSequence,
      opt_start_seq: done + 1,
    });
    return { action: 'recreated', changes, fromSequence: done + 1 };
  }
  try {
    await jsm.consumers.update(
      stream,
      desired.durable_name,
      Object.fromEntries(changes.map((c) => [c.field, c.declared])),
    );
  } catch (error) {
    throw new ConsumerConfigError(
      `consumer "${desired.durable_name}" on ${stream} differs from the code (${changes
        .map(
          (c) => `${c.field}: ${String(c.stored)} on the server, ${String(c.declared)} in the code`,
        )
        .join('; ')}) and the server refused the update: ${(error as Error).message}`,
      { cause: error },
    );
  }
  return { action: 'updated', changes };
}
