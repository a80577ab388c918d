import { streamNameOf, type EventContract } from '@civitas/contracts';

/**
 * Where a durable starts when it is first created on a stream (docs/adr/0031). It matters once: the
 * server never changes it afterwards, and an existing durable resumes where it stopped.
 * - `all`: from the oldest retained event (up to 30 days). Only for consumers whose effect is keyed
 *   by the event's own data (a projection, a case per submission), so a replay changes nothing.
 * - `new`: from events published after it is created. For consumers with effects outside the
 *   database (notifications): a replay would send them again.
 */
export type DeliverFrom = 'all' | 'new';

/** One durable JetStream consumer of a service: declared once, in the service's `messaging/consumers.ts`. */
export interface ConsumerDeclaration<P extends object = object> {
  readonly contract: EventContract<P>;
  /** Durable name on the owner's stream; renaming it creates a new consumer (see `deliver`). */
  readonly durable: string;
  readonly deliver: DeliverFrom;
  /** Most events applied in one transaction when the consumer has a backlog (default 100). */
  readonly maxBatch?: number;
}

export interface EventConsumerOptions {
  deliver: DeliverFrom;
  /**
   * Most events applied in one transaction. Lower it for events that each carry many records
   * (imported history), so one transaction stays short.
   */
  maxBatch?: number;
}

const DURABLE_NAME = /^[a-z][a-z0-9-]*$/;

/** Declares a durable consumer; the deliver policy is required because no default is safe for all. */
export function eventConsumer<P extends object>(
  contract: EventContract<P>,
  durable: string,
  options: EventConsumerOptions,
): ConsumerDeclaration<P> {
  if (!DURABLE_NAME.test(durable)) {
    throw new Error(
      `consumer name "${durable}": use lower-case letters, digits and dashes (it is a NATS durable name)`,
    );
  }
  return Object.freeze({
    contract,
    durable,
    deliver: options.deliver,
    maxBatch: options.maxBatch,
  });
}

/** One line of `docs/consumers.json`: what the platform's operators see of a consumer. */
export interface ManifestConsumer {
  service: string;
  durable: string;
  /** Stream without the bus namespace (the owner's, e.g. `INTAKE`). */
  stream: string;
  subject: string;
  deliver: DeliverFrom;
}

/** A durable the code no longer declares, with what happens to its server state and its events. */
export interface RetiredConsumer {
  service: string;
  durable: string;
  subject: string;
  note: string;
}

export interface ConsumerManifest {
  about?: string;
  consumers: ManifestConsumer[];
  retired: RetiredConsumer[];
}

export function manifestEntryOf(
  service: string,
  declaration: ConsumerDeclaration,
): ManifestConsumer {
  return {
    service,
    durable: declaration.durable,
    stream: streamNameOf(declaration.contract.owner),
    subject: declaration.contract.subject,
    deliver: declaration.deliver,
  };
}

const FIELDS = ['stream', 'subject', 'deliver'] as const;

/**
 * What is wrong between the consumers a service declares and the committed manifest. A durable
 * that disappears (renamed or removed) must be moved to `retired` with a note, because a new name
 * is a new consumer: it starts from its deliver policy, and the old one's position is lost.
 */
export function consumerManifestProblems(
  manifest: ConsumerManifest,
  service: string,
  declared: readonly ConsumerDeclaration[],
): string[] {
  const problems: string[] = [];
  const listed = manifest.consumers.filter((c) => c.service === service);
  const seen = new Set<string>();
  for (const declaration of declared) {
    const entry = manifestEntryOf(service, declaration);
    if (seen.has(entry.durable)) {
      problems.push(`${service} declares the durable "${entry.durable}" twice`);
      continue;
    }
    seen.add(entry.durable);
    const retired = manifest.retired.find(
      (r) => r.service === service && r.durable === entry.durable,
    );
    if (retired) {
      problems.push(
        `"${entry.durable}" is retired in the manifest; a reused name resumes the old consumer's position on the server: choose another name`,
      );
    }
    const committed = listed.find((c) => c.durable === entry.durable);
    if (!committed) {
      problems.push(
        `${service} declares "${entry.durable}" but docs/consumers.json does not list it; add ${JSON.stringify(entry)} (and if it replaces a durable, retire that one with a note)`,
      );
      continue;
    }
    for (const field of FIELDS) {
      if (committed[field] !== entry[field]) {
        problems.push(
          `"${entry.durable}": docs/consumers.json says ${field} ${committed[field]}, the code declares ${entry[field]}`,
        );
      }
    }
  }
  for (const committed of listed) {
    if (!seen.has(committed.durable)) {
      problems.push(
        `"${committed.durable}" is in docs/consumers.json but ${service} no longer declares it. A renamed or removed durable moves to "retired" with a note saying what happens to it: the old consumer keeps its position on the server until deleted, and a new name starts from its deliver policy ("all" replays up to 30 days of ${committed.subject}, "new" misses what is published before it exists)`,
      );
    }
  }
  for (const retired of manifest.retired.filter((r) => r.service === service)) {
    if (retired.note.trim().length < 20) {
      problems.push(`retired "${retired.durable}": the note must say what happens to it`);
    }
  }
  const onStream = new Map<string, string>();
  for (const c of manifest.consumers) {
    const key = `${c.stream}/${c.durable}`;
    const owner = onStream.get(key);
    if (owner !== undefined && (owner === service || c.service === service)) {
      problems.push(`"${c.durable}" is used twice on ${c.stream} (${owner} and ${c.service})`);
    }
    onStream.set(key, c.service);
  }
  return problems;
}
