import { describe, expect, it } from '@jest/globals';
import { MAX_POSITIONS, readDistrictGeometry } from './district-geometry.js';

const SQUARE = [
  [0, 0],
  [1, 0],
  [1, 1],
  [0, 1],
  [0, 0],
];

const fields = (text: string) => readDistrictGeometry(text).problems.map((p) => p.field);

describe('readDistrictGeometry', () => {
  it('reads a Polygon and a MultiPolygon, dropping altitudes and foreign members', () => {
    const polygon = readDistrictGeometry(
      JSON.stringify({
        type: 'Polygon',
        coordinates: [SQUARE.map(([x, y]) => [x, y, 12])],
        bbox: [0, 0, 1, 1],
        properties: { name: 'x' },
      }),
    );
    expect(polygon).toEqual({ geometry: { type: 'Polygon', coordinates: [SQUARE] }, problems: [] });
    const multi = readDistrictGeometry(
      JSON.stringify({ type: 'MultiPolygon', coordinates: [[SQUARE], [SQUARE, SQUARE]] }),
    );
    expect(multi.geometry).toEqual({
      type: 'MultiPolygon',
      coordinates: [[SQUARE], [SQUARE, SQUARE]],
    });
  });

  it('refuses text that is not a GeoJSON object', () => {
    expect(readDistrictGeometry('{ not json').problems).toEqual([
      { field: 'geometry', reason: expect.stringContaining('is not JSON') },
    ]);
    expect(fields('[1, 2]')).toEqual(['geometry']);
    expect(fields('"Polygon"')).toEqual(['geometry']);
  });

  it('accepts only Polygon and MultiPolygon, and points a Feature to its geometry', () => {
    expect(readDistrictGeometry('{"type":"Point","coordinates":[1,2]}').problems).toEqual([
      { field: 'geometry.type', reason: 'must be "Polygon" or "MultiPolygon", not "Point"' },
    ]);
    expect(readDistrictGeometry('{"type":"Feature","geometry":null}').problems[0].reason).toContain(
      'send the "geometry" of one feature',
    );
    expect(fields('{"coordinates":[]}')).toEqual(['geometry.type']);
  });

  it('names each ring that is too short or not closed, and each bad position', () => {
    const open = SQUARE.slice(0, 4).concat([[0.5, 0.5]]);
    const problems = readDistrictGeometry(
      JSON.stringify({
        type: 'MultiPolygon',
        coordinates: [
          [SQUARE, open],
          [
            [
              [0, 0],
              [1, 1],
              [0, 0],
            ],
          ],
          [
            [
              [0, 0],
              [181, 0],
              [1, 95],
              ['a', 1],
              [0, 0],
            ],
          ],
          [],
        ],
      }),
    ).problems;
    expect(problems).toEqual([
      {
        field: 'geometry.coordinates[0][1]',
        reason: 'is not closed: its last position must repeat its first',
      },
      {
        field: 'geometry.coordinates[1][0]',
        reason: expect.stringContaining('at least 4 positions'),
      },
      {
        field: 'geometry.coordinates[2][0][1]',
        reason: 'longitude 181 is outside -180..180 (positions are [longitude, latitude])',
      },
      {
        field: 'geometry.coordinates[2][0][2]',
        reason: 'latitude 95 is outside -90..90 (positions are [longitude, latitude])',
      },
      {
        field: 'geometry.coordinates[2][0][3]',
        reason: expect.stringContaining('[longitude, latitude]'),
      },
      { field: 'geometry.coordinates[3]', reason: expect.stringContaining('non-empty array') },
    ]);
  });

  it('refuses a polygon without rings and a MultiPolygon without polygons', () => {
    expect(fields('{"type":"Polygon","coordinates":[]}')).toEqual(['geometry.coordinates']);
    expect(fields('{"type":"Polygon"}')).toEqual(['geometry.coordinates']);
    expect(fields('{"type":"MultiPolygon","coordinates":[]}')).toEqual(['geometry.coordinates']);
    expect(fields('{"type":"Polygon","coordinates":[{"a":1}]}')).toEqual([
      'geometry.coordinates[0]',
    ]);
  });

  it('lists the first 20 problems of a broken export, saying how many more there are', () => {
    const ring = Array.from({ length: 50 }, (_, i) => [200, i]);
    const { problems } = readDistrictGeometry(
      JSON.stringify({ type: 'Polygon', coordinates: [ring] }),
    );
    expect(problems).toHaveLength(20);
    expect(problems[19].reason).toContain('(and 30 more problems not listed)');
  });

  it(`refuses more than ${MAX_POSITIONS} positions`, () => {
    const ring = Array.from({ length: MAX_POSITIONS + 1 }, (_, i) => [i / MAX_POSITIONS, 0]);
    ring.push(ring[0]);
    expect(
      readDistrictGeometry(JSON.stringify({ type: 'Polygon', coordinates: [ring] })).problems,
    ).toEqual([
      {
        field: 'geometry.coordinates',
        reason: `has ${MAX_POSITIONS + 2} positions; at most ${MAX_POSITIONS} are accepted`,
      },
    ]);
  });
});
