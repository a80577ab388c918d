import { RetentionPolicy, StorageType, type JetStreamManager } from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';
import type { EventContract } from '@civitas/contracts';
import type { BusNaming } from './naming.js';

const DAY_NS = nanos(24 * 3600 * 1000);

/** Creates a stream when missing. Every service may provision any stream it touches: same config. */
export async function ensureStream(
  jsm: JetStreamManager,
  name: string,
  subjects: string[],
  replicas = 1,
): Promise<void> {
  try {
    await jsm.streams.info(name);
    return;
  } catch {
    // not there yet
  }
  try {
    await jsm.streams.add({
      name,
      subjects,
      storage: StorageType.File,
      retention: RetentionPolicy.Limits,
      num_replicas: replicas,
      // Long enough for any consumer to come back from an outage and catch up.
      max_age: 30 * DAY_NS,
      // The outbox relay may re-publish after a crash; the stream drops repeats of an id within this.
      duplicate_window: nanos(10 * 60 * 1000),
    });
  } catch (error) {
    // Another service created it at the same moment.
    await jsm.streams.info(name).catch(() => {
      throw error;
    });
  }
}

export async function ensureEventStream(
  jsm: JetStreamManager,
  naming: BusNaming,
  owner: EventContract['owner'],
  replicas = 1,
): Promise<void> {
  await ensureStream(jsm, naming.stream(owner), naming.streamSubjects(owner), replicas);
}

export async function ensureDeadLetterStream(
  jsm: JetStreamManager,
  naming: BusNaming,
  replicas = 1,
): Promise<void> {
  await ensureStream(jsm, naming.deadLetterStream(), naming.deadLetterSubjects(), replicas);
}
