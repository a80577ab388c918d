import type { RequestListPosition } from '@civitas/contracts';

/** What the services answer: ISO 8601 in UTC with microseconds (see RequestListPosition). */
const POSITION = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z)\|([^|]{1,64})$/;

/** An opaque cursor for `myRequests(after:)`: where a row stands in the resident's list. */
export function encodeMyRequestsCursor(position: RequestListPosition): string {
  return Buffer.from(`${position.receivedAt}|${position.ticketNumber}`).toString('base64url');
}

/** The position a cursor names, or null when it is not one `myRequests` gave out. */
export function decodeMyRequestsCursor(cursor: string): RequestListPosition | null {
  const match = POSITION.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match || Number.isNaN(Date.parse(match[1]))) {
    return null;
  }
  return { receivedAt: match[1], ticketNumber: match[2] };
}
