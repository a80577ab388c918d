import {
  REQUEST_CONTRACTS,
  SERVICE_NAMES,
  type EventContract,
  type ServiceName,
} from '@civitas/contracts';
import { BusNaming } from './naming.js';

/** A service that talks on the bus (the gateway does not). */
export type BusService = Exclude<ServiceName, 'gateway'>;

/** One durable a service runs: its name and the event subject it consumes (no bus namespace). */
export interface DurableOnBus {
  durable: string;
  subject: string;
}

/** What one service's NATS user may publish and subscribe to (docs/adr/0046). */
export interface NatsPermissions {
  publish: string[];
  subscribe: string[];
  /** A responder may answer the reply subject of a request it received: once, within `expires`. */
  allowResponses: { max: number; expires: string };
}

/**
 * The inbox prefix a service's connection uses for replies (requests, JetStream API answers,
 * pulled messages): its own, so its NATS user may subscribe to its replies and to no one else's.
 */
export function inboxPrefixOf(service: BusService): string {
  return `_INBOX.${service}`;
}

/**
 * Exactly what a service needs on NATS, from the contracts and its declared durables:
 * - publish its own events (`<service>.evt.>`), the requests whose contract names it a caller,
 *   its dead letters, and the JetStream API calls for the streams it provisions (its own, those it
 *   consumes, the dead-letter stream) and for its own durables (info, create, update, delete,
 *   pull, ack);
 * - subscribe to the requests it answers and to its own inbox.
 * Nothing else: intake cannot publish `cases.evt.*`, nor read another service's replies.
 */
export function natsPermissionsOf(
  service: BusService,
  namespace: string,
  durables: readonly DurableOnBus[],
): NatsPermissions {
  const naming = new BusNaming(namespace);
  const ownerOf = (subject: string) => subject.split('.')[0] as EventContract['owner'];
  const streams = new Set<string>([
    naming.stream(service),
    naming.deadLetterStream(),
    ...durables.map((d) => naming.stream(ownerOf(d.subject))),
  ]);
  const publish = new Set<string>([
    naming.subject(`${service}.evt.>`),
    naming.deadLetterSubject(service, '>'),
    '$JS.API.INFO',
  ]);
  for (const request of REQUEST_CONTRACTS) {
    if (request.callers.includes(service)) {
      publish.add(naming.subject(request.subject));
    }
  }
  for (const stream of [...streams].sort()) {
    publish.add(`$JS.API.STREAM.INFO.${stream}`);
    publish.add(`$JS.API.STREAM.CREATE.${stream}`);
  }
  for (const { durable, subject } of durables) {
    const stream = naming.stream(ownerOf(subject));
    for (const api of ['INFO', 'DELETE', 'MSG.NEXT', 'DURABLE.CREATE']) {
      publish.add(`$JS.API.CONSUMER.${api}.${stream}.${durable}`);
    }
    // Servers from 2.10 create and update through CONSUMER.CREATE, with the filter appended.
    publish.add(`$JS.API.CONSUMER.CREATE.${stream}.${durable}`);
    publish.add(`$JS.API.CONSUMER.CREATE.${stream}.${durable}.>`);
    publish.add(`$JS.ACK.${stream}.${durable}.>`);
  }
  const subscribe = new Set<string>([`${inboxPrefixOf(service)}.>`]);
  for (const request of REQUEST_CONTRACTS) {
    if (request.owner === service) {
      subscribe.add(naming.subject(request.subject));
    }
  }
  return {
    publish: [...publish],
    subscribe: [...subscribe],
    allowResponses: { max: 1, expires: '1m' },
  };
}

/** Every service that talks on the bus (all but the gateway). */
export const BUS_SERVICES: readonly BusService[] = SERVICE_NAMES.filter(
  (s): s is BusService => s !== 'gateway',
);
