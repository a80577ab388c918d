import type { GraphQLFormattedError } from 'graphql';
import { Open311Error } from './open311.error.js';

/** Graph error codes that mean "no such thing" (Open311 answers 404 for those). */
const NOT_FOUND_CODES = new Set(['UNKNOWN_SERVICE_CODE', 'SERVICE_REQUEST_NOT_FOUND', 'NOT_FOUND']);
const FORBIDDEN_CODES = new Set(['FORBIDDEN', 'UNAUTHENTICATED']);
/**
 * Codes that mean "not now" (503): a service not answering, or the gateway's time budget running
 * out (ADR 0037), which says nothing against the request: a client may try again (with its
 * `idempotency_key`, a repeated report is the same ticket).
 */
const UNAVAILABLE_CODES = new Set([
  'SERVICE_UNAVAILABLE',
  'CATALOG_UNAVAILABLE',
  'TIME_BUDGET_EXCEEDED',
]);

/** Graph input field paths → the Open311 parameter a client sent. */
export const OPEN311_PARAMETER_OF: Readonly<Record<string, string>> = {
  serviceCode: 'service_code',
  description: 'description',
  location: 'location (lat and long, address_string or address_id)',
  'location.latitude': 'lat',
  'location.longitude': 'long',
  'location.address': 'address_string',
  'location.addressId': 'address_id',
  'reporter.email': 'email',
  'reporter.phone': 'phone',
  'reporter.firstName': 'first_name',
  'reporter.lastName': 'last_name',
  reporter: 'email, phone, first_name or last_name',
  ticketNumber: 'service_request_id',
  comment: 'description',
  reason: 'description',
  status: 'status',
  mediaUrl: 'media_url',
  deviceId: 'device_id',
  idempotencyKey: 'idempotency_key',
};

interface FieldProblem {
  field: string;
  reason: string;
}

/**
 * The one mapper from graph errors (a subgraph's `extensions.code` with `extensions.fields`) to
 * an Open311 error list. 403 before 404 before 400: a caller is told the most fundamental thing
 * first. Problems with input are never a 5xx; only an unreachable or failing service is.
 */
export function open311ErrorFromGraph(errors: readonly GraphQLFormattedError[]): Open311Error {
  const codes = errors.map((e) => String(e.extensions?.code ?? 'INTERNAL_SERVER_ERROR'));
  const status = codes.some((c) => FORBIDDEN_CODES.has(c))
    ? 403
    : codes.some((c) => NOT_FOUND_CODES.has(c))
      ? 404
      : codes.some((c) => c !== 'INTERNAL_SERVER_ERROR' && !UNAVAILABLE_CODES.has(c))
        ? 400
        : codes.some((c) => UNAVAILABLE_CODES.has(c))
          ? 503
          : 500;
  const descriptions = errors
    .filter((e, i) => statusOf(codes[i]) === status)
    .flatMap((e) => describe(e, status));
  return new Open311Error(status, [...new Set(descriptions)]);
}

function statusOf(code: string): number {
  if (FORBIDDEN_CODES.has(code)) {
    return 403;
  }
  if (NOT_FOUND_CODES.has(code)) {
    return 404;
  }
  if (UNAVAILABLE_CODES.has(code)) {
    return 503;
  }
  return code === 'INTERNAL_SERVER_ERROR' ? 500 : 400;
}

function describe(error: GraphQLFormattedError, status: number): string[] {
  if (status === 500) {
    // Never the error's own text (docs/adr/0049): the id under which the gateway logged it.
    return [couldNotComplete(error.extensions?.correlationId)];
  }
  if (status === 503 && typeof error.extensions?.correlationId === 'string') {
    return [`${error.message} (correlation id ${error.extensions.correlationId})`];
  }
  const fields = error.extensions?.fields;
  if (Array.isArray(fields) && fields.length > 0) {
    return (fields as FieldProblem[]).map(describeField);
  }
  return [error.message];
}

export function parameterOf(field: string): string {
  const path = field.replace(/^input\./, '');
  const attribute = /^attributes?\.(.+)$/.exec(path);
  if (attribute) {
    return /^\d+(\.|$)/.test(attribute[1]) ? 'attribute' : `attribute[${attribute[1]}]`;
  }
  return OPEN311_PARAMETER_OF[path] ?? path;
}

export function describeField(problem: FieldProblem): string {
  const parameter = parameterOf(problem.field);
  const last = problem.field.split('.').pop() ?? problem.field;
  // class-validator's reasons start with the property's own name: say the Open311 one instead.
  if (problem.reason.startsWith(`${last} `)) {
    return `${parameter}${problem.reason.slice(last.length)}`;
  }
  return `${parameter}: ${problem.reason}`;
}

/** The description of a 500: what happened, and the correlation id that finds its log line. */
export function couldNotComplete(correlationId: unknown): string {
  const id = typeof correlationId === 'string' ? ` (correlation id ${correlationId})` : '';
  return `The request could not be completed; try again later${id}`;
}
