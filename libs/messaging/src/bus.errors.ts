import type { FieldProblem } from '@civitas/contracts';

/** Codes a request handler may answer with; callers map them to their own protocol. */
export type BusErrorCode =
  'BAD_REQUEST' | 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT' | 'UNAVAILABLE' | 'TIMEOUT' | 'INTERNAL';

export class BusRequestError extends Error {
  constructor(
    readonly code: BusErrorCode,
    message: string,
    readonly subject: string,
    readonly problems: FieldProblem[] = [],
  ) {
    super(message);
    this.name = 'BusRequestError';
  }
}

/** Thrown by a request handler to answer with a specific code instead of INTERNAL. */
export class RequestRejected extends Error {
  constructor(
    readonly code: Exclude<BusErrorCode, 'UNAVAILABLE' | 'TIMEOUT' | 'INTERNAL'>,
    message: string,
    readonly problems: FieldProblem[] = [],
  ) {
    super(message);
    this.name = 'RequestRejected';
  }
}

export interface WireReply {
  ok: boolean;
  payload?: unknown;
  error?: { code: BusErrorCode; message: string; problems?: FieldProblem[] };
}

const TRANSIENT_PG_CODES = new Set([
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
  '40001',
  '40P01',
  '53300',
]);
const TRANSIENT_NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE']);

/**
 * Whether retrying later can succeed: another service not answering yet, a database restarting, a
 * serialisation conflict. Such failures are retried without limit (with back-off) and never
 * dead-lettered; only errors that would fail again the same way count towards the limit.
 */
export function isTransientError(error: unknown): boolean {
  if (error instanceof BusRequestError) {
    return error.code === 'UNAVAILABLE' || error.code === 'TIMEOUT';
  }
  const code = (error as { code?: unknown } | null)?.code;
  if (
    typeof code === 'string' &&
    (TRANSIENT_PG_CODES.has(code) || TRANSIENT_NODE_CODES.has(code))
  ) {
    return true;
  }
  // TypeORM's query runner released under a transaction because its connection reported an error
  // (Postgres's fast shutdown cuts idle sessions too): the connection's fault, never the event's
  // (the chaos run logged both, docs/adr/0093).
  const name = (error as Error | null)?.name;
  if (
    name === 'QueryRunnerAlreadyReleasedError' ||
    name === 'QueryRunnerProviderAlreadyReleasedError'
  ) {
    return true;
  }
  const message = (error as Error | null)?.message ?? '';
  // The last three: a pool closed or broken under the handler (a shutdown, Postgres restarting),
  // never the event's fault; nor is a pool that had no connection to give in time
  // (DATABASE_CONNECT_TIMEOUT_MS).
  return /Connection terminated|connection timeout|timeout exceeded when trying to connect|the database system is (starting up|shutting down)|Driver not Connected|Cannot use a pool after calling end|not queryable/i.test(
    message,
  );
}
