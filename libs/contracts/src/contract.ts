import type { ServiceName } from './roles.js';

export type PayloadClass<T extends object = object> = new () => T;

/** A fact published on JetStream by its owner: `<owner>.evt.<name>.v<major>`. */
export interface EventContract<P extends object = object> {
  kind: 'event';
  subject: string;
  owner: Exclude<ServiceName, 'gateway'>;
  payload: PayloadClass<P>;
}

/** A command or query answered now over core NATS: `<owner>.(cmd|qry).<name>.v<major>`. */
export interface RequestContract<Req extends object = object, Res extends object = object> {
  kind: 'request';
  subject: string;
  owner: Exclude<ServiceName, 'gateway'>;
  request: PayloadClass<Req>;
  reply: PayloadClass<Res>;
  /** Services allowed to send this request. */
  callers: readonly ServiceName[];
}

export type PayloadOf<C> = C extends EventContract<infer P> ? P : never;
export type RequestOf<C> = C extends RequestContract<infer Q, object> ? Q : never;
export type ReplyOf<C> = C extends RequestContract<object, infer R> ? R : never;

const SUBJECT = /^(intake|cases|citizens|routing|analytics)\.(evt|cmd|qry)\.[a-z0-9-]+\.v[0-9]+$/;

export function defineEvent<P extends object>(
  subject: string,
  payload: PayloadClass<P>,
): EventContract<P> {
  assertSubject(subject, 'evt');
  return {
    kind: 'event',
    subject,
    owner: subject.split('.')[0] as EventContract['owner'],
    payload,
  };
}

export function defineRequest<Req extends object, Res extends object>(
  subject: string,
  request: PayloadClass<Req>,
  reply: PayloadClass<Res>,
  callers: readonly ServiceName[],
): RequestContract<Req, Res> {
  assertSubject(subject, 'cmd|qry');
  return {
    kind: 'request',
    subject,
    owner: subject.split('.')[0] as RequestContract['owner'],
    request,
    reply,
    callers,
  };
}

function assertSubject(subject: string, kinds: string): void {
  const match = SUBJECT.exec(subject);
  if (!match || !kinds.split('|').includes(match[2])) {
    throw new Error(`Subject "${subject}" does not follow <owner>.${kinds}.<name>.v<major>`);
  }
}

/** One JetStream stream per owning service. */
export function streamNameOf(owner: EventContract['owner']): string {
  return owner.toUpperCase();
}

export const DEAD_LETTER_STREAM = 'DEAD_LETTERS';
export const DEAD_LETTER_SUBJECT_PREFIX = 'dlq';
