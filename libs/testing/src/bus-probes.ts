import { randomUUID } from 'node:crypto';
import {
  AckPolicy,
  JetStreamError,
  jetstream,
  jetstreamManager,
  type Consumer,
  type JsMsg,
} from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type { EventContract, ServiceName } from '@civitas/contracts';
import { BusNaming, createEnvelope } from '@civitas/messaging';
import { TEST_PATIENCE_MS } from './patience.js';

/** Deletes every stream of a test's bus namespace, so test runs leave nothing on the shared NATS. */
export async function deleteNamespaceStreams(nc: NatsConnection, namespace: string): Promise<void> {
  const prefix = `${namespace.replace(/[^A-Za-z0-9_-]/g, '_').toUpperCase()}_`;
  const jsm = await jetstreamManager(nc);
  for await (const name of jsm.streams.names()) {
    if (name.startsWith(prefix)) {
      await jsm.streams.delete(name).catch(() => undefined);
    }
  }
}

/**
 * Publishes an event as its owner would (an envelope, `Nats-Msg-Id` = envelope id unless a
 * different message id is given to simulate a re-publish). Returns the envelope.
 */
export async function publishEvent<P extends object>(
  nc: NatsConnection,
  namespace: string,
  contract: EventContract<P>,
  payload: P,
  options: {
    envelope?: ReturnType<typeof createEnvelope<P>>;
    msgID?: string;
    as?: ServiceName;
  } = {},
) {
  const envelope =
    options.envelope ?? createEnvelope<P>(options.as ?? contract.owner, contract.subject, payload);
  await jetstream(nc).publish(
    new BusNaming(namespace).subject(contract.subject),
    JSON.stringify(envelope),
    {
      msgID: options.msgID ?? envelope.id,
    },
  );
  return envelope;
}

/** A consumer reading what a service published on one event subject (or the dead letters). */
export async function probeConsumer(
  nc: NatsConnection,
  stream: string,
  filterSubject: string,
): Promise<Consumer> {
  const jsm = await jetstreamManager(nc);
  const name = `probe_${randomUUID().slice(0, 8)}`;
  await jsm.consumers.add(stream, {
    durable_name: name,
    ack_policy: AckPolicy.Explicit,
    filter_subject: filterSubject,
  });
  return jetstream(nc).consumers.get(stream, name);
}

/** The next message's JSON body matching `predicate`, within `timeoutMs`. */
export async function nextMatching<T>(
  consumer: Consumer,
  predicate: (body: T) => boolean,
  timeoutMs = TEST_PATIENCE_MS,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const msg = await nextMessage(consumer);
    if (msg) {
      msg.ack();
      const body = msg.json<T>();
      if (predicate(body)) {
        return body;
      }
    }
  }
  throw new Error(`No matching message within ${timeoutMs} ms`);
}

/**
 * The consumer's next message, or null when none came within a few seconds. A pull that missed
 * the server's idle heartbeats counts as none: the client gives up on a pull after two missed
 * heartbeats, which a loaded machine (a blocked event loop, a busy NATS) causes without anything
 * being wrong, and the caller polls again until its own deadline.
 */
export async function nextMessage(consumer: Consumer, expiresMs = 4000): Promise<JsMsg | null> {
  try {
    return await consumer.next({ expires: expiresMs });
  } catch (error) {
    if (error instanceof JetStreamError && error.message.includes('heartbeats missed')) {
      return null;
    }
    throw error;
  }
}
