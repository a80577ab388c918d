import { describe, expect, it } from '@jest/globals';
import { ADMIN_CHANGE_VALUE_MAX } from '@civitas/contracts';
import { fieldChanges } from './admin-change-recorder.js';

describe('fieldChanges', () => {
  it('lists only the fields that differ, each value as JSON text', () => {
    expect(
      fieldChanges(
        { name: 'Potholes', slaHours: 72, keywords: ['hole'], active: true },
        { name: 'Potholes', slaHours: 48, keywords: ['hole', 'road'], active: true },
      ),
    ).toEqual([
      { field: 'slaHours', before: '72', after: '48' },
      { field: 'keywords', before: '["hole"]', after: '["hole","road"]' },
    ]);
  });

  it('says created and deleted with null on the side that has none', () => {
    expect(
      fieldChanges(null, { code: 'night', capacity: null }, { fields: ['code', 'capacity'] }),
    ).toEqual([{ field: 'code', before: null, after: '"night"' }]);
    expect(fieldChanges({ code: 'night' }, null)).toEqual([
      { field: 'code', before: '"night"', after: null },
    ]);
  });

  it('compares only the fields asked for, and dates by their instant', () => {
    const at = new Date('2026-12-01T10:00:00Z');
    expect(
      fieldChanges(
        { revokedAt: null, updatedAt: at, keyHash: 'a' },
        { revokedAt: at, updatedAt: new Date(at), keyHash: 'b' },
        { fields: ['revokedAt', 'updatedAt'] },
      ),
    ).toEqual([{ field: 'revokedAt', before: null, after: '"2026-12-01T10:00:00.000Z"' }]);
  });

  it('withholds the values of personal fields but says they changed', () => {
    expect(
      fieldChanges(
        { name: 'Dana', capacity: 3 },
        { name: 'Dana O.', capacity: 3 },
        { withhold: ['name'] },
      ),
    ).toEqual([{ field: 'name', before: null, after: null, withheld: true }]);
  });

  it('cuts a long value and says how long it was', () => {
    const ring = Array.from({ length: 200 }, (_, i) => [i, i]);
    const [change] = fieldChanges(null, { geometry: { type: 'Polygon', coordinates: [ring] } });
    const full = JSON.stringify({ type: 'Polygon', coordinates: [ring] });
    expect(change.after).toBe(
      `${full.slice(0, ADMIN_CHANGE_VALUE_MAX)}… (${full.length} characters)`,
    );
  });
});
