import { describe, expect, it } from '@jest/globals';
import { StableIdDeriver } from './stable-id.js';

describe('StableIdDeriver', () => {
  const row = [
    '2014-01-09T21:42:03.000Z',
    'Ward 9',
    'Road Travelled Surface',
    'Roads Maintenance',
    'MOODIE ROADS 1',
    'CC PHONE',
  ];

  it('derives the same id for the same row on every run', () => {
    expect(new StableIdDeriver('').next(row)).toBe(new StableIdDeriver('').next(row));
  });

  it('keeps identical rows in one file apart by their occurrence', () => {
    const ids = new StableIdDeriver('');
    const [a, b] = [ids.next(row), ids.next(row)];
    expect(a).not.toBe(b);
    expect(a.endsWith('#1')).toBe(true);
    expect(b.endsWith('#2')).toBe(true);
  });

  it('tells different rows apart, field boundaries included', () => {
    const ids = new StableIdDeriver('');
    expect(ids.next(['a b', 'c'])).not.toBe(new StableIdDeriver('').next(['a', 'b c']));
  });
});
