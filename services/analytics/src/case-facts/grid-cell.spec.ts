import { describe, expect, it } from '@jest/globals';
import { gridCellOf } from './grid-cell.js';

const metresBetween = (a: { latitude: number; longitude: number }, b: typeof a) => {
  const dy = (a.latitude - b.latitude) * 111_320;
  const dx = (a.longitude - b.longitude) * 111_320 * Math.cos((a.latitude * Math.PI) / 180);
  return Math.hypot(dx, dy);
};

describe('grid cells', () => {
  it('puts points a few metres apart in the same 100 m cell, at its centre', () => {
    const a = gridCellOf(40.712345, -74.006789, 100);
    const b = gridCellOf(40.712355, -74.006779, 100);
    expect(b).toEqual(a);
    expect(metresBetween(a, { latitude: 40.712345, longitude: -74.006789 })).toBeLessThan(71);
  });

  it('never answers the point itself', () => {
    const point = { latitude: 40.7128, longitude: -74.006 };
    expect(gridCellOf(point.latitude, point.longitude, 100)).not.toEqual(point);
  });

  it('is stable: a cell centre snaps to itself', () => {
    const cell = gridCellOf(45.4215, -75.6972, 100);
    expect(gridCellOf(cell.latitude, cell.longitude, 100)).toEqual(cell);
  });

  it('puts points farther apart than a cell in different cells', () => {
    expect(gridCellOf(40.7, -74, 250)).not.toEqual(gridCellOf(40.7031, -74, 250));
  });
});
