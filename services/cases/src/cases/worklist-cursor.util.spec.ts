import { describe, expect, it } from '@jest/globals';
import { Priority } from '@civitas/contracts';
import type { CaseEntity } from './case.entity.js';
import { decodeWorklistCursor, worklistCursorOf } from './worklist-cursor.util.js';
import { WorklistSort } from './worklist.repository.js';

const entity = {
  id: '7f1f4a8e-3c55-4c1a-9a53-2d8d2b7a1c10',
  priority: Priority.HIGH,
  dueAt: new Date('2026-12-08T15:00:00.123Z'),
  openedAt: new Date('2026-12-07T09:30:00.000Z'),
} as CaseEntity;

describe('worklist cursors', () => {
  it('name the case by the key of the order they were given in', () => {
    const cursor = worklistCursorOf(WorklistSort.PRIORITY, entity);
    expect(decodeWorklistCursor(cursor, WorklistSort.PRIORITY)).toEqual({
      sort: WorklistSort.PRIORITY,
      rank: 1,
      at: '2026-12-08T15:00:00.123Z',
      id: entity.id,
    });
    expect(
      decodeWorklistCursor(worklistCursorOf(WorklistSort.CREATED, entity), WorklistSort.CREATED)
        ?.at,
    ).toBe('2026-12-07T09:30:00.000Z');
  });

  it('are refused in another order, or when made up', () => {
    const cursor = worklistCursorOf(WorklistSort.DUE_AT, entity);
    expect(decodeWorklistCursor(cursor, WorklistSort.CREATED)).toBeNull();
    expect(decodeWorklistCursor('not-a-cursor', WorklistSort.DUE_AT)).toBeNull();
    const forged = Buffer.from(`DUE_AT|0|2026-12-08T15:00:00Z|x'); DROP TABLE--`).toString(
      'base64url',
    );
    expect(decodeWorklistCursor(forged, WorklistSort.DUE_AT)).toBeNull();
  });
});
