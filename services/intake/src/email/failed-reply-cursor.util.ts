import { isUUID } from 'class-validator';
import type { FailedReplyPosition } from './email-reply.repository.js';

const POSITION = /^(\d{1,18}):([0-9a-f-]{36})$/;

/** An opaque cursor for `failedEmailReplies(after:)`: the position of a reply in the list. */
export function encodeFailedReplyCursor(position: FailedReplyPosition): string {
  return Buffer.from(`${position.failedAtMicros}:${position.id}`).toString('base64url');
}

/** The position a cursor names, or null when it is not one this list gave out. */
export function decodeFailedReplyCursor(cursor: string): FailedReplyPosition | null {
  const match = POSITION.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match || !isUUID(match[2])) {
    return null;
  }
  return { failedAtMicros: match[1], id: match[2] };
}
