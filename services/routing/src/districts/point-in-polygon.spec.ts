import { describe, expect, it } from '@jest/globals';
import {
  boundingBox,
  inBoundingBox,
  pointInGeometry,
  pointInPolygon,
  type PolygonCoordinates,
} from './point-in-polygon.js';

/** A 10 x 10 square at the origin with a 2 x 2 hole in the middle (wound the same way, on purpose). */
const SQUARE_WITH_HOLE: PolygonCoordinates = [
  [
    [0, 0],
    [10, 0],
    [10, 10],
    [0, 10],
    [0, 0],
  ],
  [
    [4, 4],
    [6, 4],
    [6, 6],
    [4, 6],
    [4, 4],
  ],
];

/** A U: two arms joined at the bottom; the notch between the arms is outside. */
const U_SHAPE: PolygonCoordinates = [
  [
    [0, 0],
    [9, 0],
    [9, 9],
    [6, 9],
    [6, 3],
    [3, 3],
    [3, 9],
    [0, 9],
    [0, 0],
  ],
];

describe('pointInPolygon (even-odd rule)', () => {
  it('finds a point inside and refuses one outside', () => {
    expect(pointInPolygon(1, 1, SQUARE_WITH_HOLE)).toBe(true);
    expect(pointInPolygon(9.5, 2, SQUARE_WITH_HOLE)).toBe(true);
    expect(pointInPolygon(11, 5, SQUARE_WITH_HOLE)).toBe(false);
    expect(pointInPolygon(-0.5, 5, SQUARE_WITH_HOLE)).toBe(false);
    expect(pointInPolygon(5, 10.001, SQUARE_WITH_HOLE)).toBe(false);
  });

  it('puts a point in a hole outside, whatever the hole’s winding', () => {
    expect(pointInPolygon(5, 5, SQUARE_WITH_HOLE)).toBe(false);
    const reversedHole = [SQUARE_WITH_HOLE[0], [...SQUARE_WITH_HOLE[1]].reverse()];
    expect(pointInPolygon(5, 5, reversedHole)).toBe(false);
    expect(pointInPolygon(3.9, 5, reversedHole)).toBe(true);
  });

  it('counts the boundary, a hole’s included, as inside', () => {
    expect(pointInPolygon(0, 5, SQUARE_WITH_HOLE)).toBe(true); // outer edge
    expect(pointInPolygon(10, 10, SQUARE_WITH_HOLE)).toBe(true); // outer vertex
    expect(pointInPolygon(4, 5, SQUARE_WITH_HOLE)).toBe(true); // hole's edge
  });

  it('handles a concave polygon, and a ray that passes through vertices', () => {
    expect(pointInPolygon(4.5, 6, U_SHAPE)).toBe(false); // in the notch
    expect(pointInPolygon(1.5, 6, U_SHAPE)).toBe(true); // left arm
    expect(pointInPolygon(7.5, 6, U_SHAPE)).toBe(true); // right arm
    // Level with the notch's floor corners (3,3) and (6,3): the ray east crosses at vertices.
    expect(pointInPolygon(1, 3, U_SHAPE)).toBe(true);
    expect(pointInPolygon(-1, 3, U_SHAPE)).toBe(false);
    // Level with the arms' tops (y = 9), east of the whole shape and between the arms.
    expect(pointInPolygon(4.5, 9, U_SHAPE)).toBe(false);
    expect(pointInPolygon(10, 9, U_SHAPE)).toBe(false);
  });

  it('works at real coordinates (Lower Manhattan, City Hall at 40.7128, -74.006)', () => {
    const lowerManhattan: PolygonCoordinates = [
      [
        [-74.03, 40.695],
        [-73.97, 40.695],
        [-73.97, 40.728],
        [-74.03, 40.728],
        [-74.03, 40.695],
      ],
    ];
    expect(pointInPolygon(-74.006, 40.7128, lowerManhattan)).toBe(true);
    // Latitude and longitude swapped, a common mistake, lands nowhere near.
    expect(pointInPolygon(40.7128, -74.006, lowerManhattan)).toBe(false);
  });
});

describe('pointInGeometry', () => {
  const multi = {
    type: 'MultiPolygon' as const,
    coordinates: [
      SQUARE_WITH_HOLE,
      [
        [
          [20, 0],
          [30, 0],
          [30, 10],
          [20, 10],
          [20, 0],
        ],
      ],
    ],
  };

  it('finds a point in any part of a MultiPolygon, not between the parts nor in a part’s hole', () => {
    expect(pointInGeometry(25, 5, multi)).toBe(true);
    expect(pointInGeometry(1, 1, multi)).toBe(true);
    expect(pointInGeometry(15, 5, multi)).toBe(false);
    expect(pointInGeometry(5, 5, multi)).toBe(false);
  });

  it('treats a Polygon as its one set of rings', () => {
    const polygon = { type: 'Polygon' as const, coordinates: SQUARE_WITH_HOLE };
    expect(pointInGeometry(1, 1, polygon)).toBe(true);
    expect(pointInGeometry(5, 5, polygon)).toBe(false);
  });

  it('bounds a geometry by its extreme positions', () => {
    const box = boundingBox(multi);
    expect(box).toEqual([0, 0, 30, 10]);
    expect(inBoundingBox(15, 5, box)).toBe(true);
    expect(inBoundingBox(31, 5, box)).toBe(false);
  });
});
