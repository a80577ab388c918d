import { isISO8601, isUUID } from 'class-validator';
import type { CaseEntity } from './case.entity.js';
import { priorityRank, WorklistSort, type WorklistPosition } from './worklist.repository.js';

/** An opaque cursor for `worklist(after:)`: a case's place in the order asked for. */
export function worklistCursorOf(sort: WorklistSort, entity: CaseEntity): string {
  const at = (sort === WorklistSort.CREATED ? entity.openedAt : entity.dueAt) ?? new Date(0);
  const rank = sort === WorklistSort.PRIORITY ? priorityRank(entity.priority) : 0;
  return Buffer.from(`${sort}|${rank}|${at.toISOString()}|${entity.id}`).toString('base64url');
}

/** The place a cursor names, or null when it is not one a worklist in `sort` order gave out. */
export function decodeWorklistCursor(cursor: string, sort: WorklistSort): WorklistPosition | null {
  const [cursorSort, rank, at, id, ...rest] = Buffer.from(cursor, 'base64url')
    .toString('utf8')
    .split('|');
  if (
    rest.length > 0 ||
    cursorSort !== sort ||
    !/^[0-3]$/.test(rank ?? '') ||
    !isISO8601(at ?? '', { strict: true }) ||
    !isUUID(id ?? '')
  ) {
    return null;
  }
  return { sort, rank: Number(rank), at, id };
}
