import { describe, expect, it } from '@jest/globals';
import { mapFrame, outlineRings } from './mapFrame';

// Around Lower Manhattan, in a 600 x 360 frame as PlainMap draws it.
const BOUNDS: [number, number, number, number] = [-74.06, 40.66, -73.95, 40.77];

describe('the plain map frame (Web Mercator)', () => {
  it('sends a click back to the place drawn there', () => {
    const frame = mapFrame(BOUNDS, 600, 360, null);
    for (const [lat, lon] of [
      [40.7128, -74.006],
      [40.7306, -73.9866],
    ]) {
      const back = frame.at(frame.x(lon) / 600, frame.y(lat) / 360);
      expect(back.lat).toBeCloseTo(lat, 6);
      expect(back.lon).toBeCloseTo(lon, 6);
    }
  });

  it('keeps the proportions: a degree of longitude is as wide as it is on a tile', () => {
    const frame = mapFrame(BOUNDS, 600, 360, null);
    // The bounds are taller than the frame: it is widened east and west, not squeezed.
    const [west, south, east, north] = frame.bounds;
    expect(south).toBeCloseTo(40.66, 6);
    expect(north).toBeCloseTo(40.77, 6);
    expect(west).toBeLessThan(-74.06);
    expect(east).toBeGreaterThan(-73.95);
    const across = frame.x(-73.95) - frame.x(-74.06);
    const down = frame.y(40.66) - frame.y(40.77);
    // At 40.7 degrees north, 0.11 degrees of longitude are cos(40.7) times as long as of latitude.
    expect(across / down).toBeCloseTo(Math.cos((40.715 * Math.PI) / 180), 2);
  });

  it('covers the frame with the tiles of the configured server, placed where their corners fall', () => {
    expect(mapFrame(BOUNDS, 600, 360, null).tiles).toEqual([]);
    const frame = mapFrame(BOUNDS, 600, 360, 'https://tiles.example.gov/{z}/{x}/{y}.png');
    expect(frame.tiles.length).toBeGreaterThan(0);
    const zoom = Number(/\/(\d+)\//.exec(frame.tiles[0].href)![1]);
    // City Hall (40.7128, -74.006) is in tile 1205/1540 at zoom 12 (the slippy-map formula).
    expect(zoom).toBe(12);
    const cityHall = frame.tiles.find((t) => t.href.endsWith('/12/1205/1540.png'))!;
    expect(cityHall).toBeDefined();
    const [x, y] = [frame.x(-74.006), frame.y(40.7128)];
    expect(x).toBeGreaterThanOrEqual(cityHall.x);
    expect(x).toBeLessThan(cityHall.x + cityHall.size);
    expect(y).toBeGreaterThanOrEqual(cityHall.y);
    expect(y).toBeLessThan(cityHall.y + cityHall.size);
    // Every pixel of the frame is under some tile.
    expect(Math.min(...frame.tiles.map((t) => t.x))).toBeLessThanOrEqual(0);
    expect(Math.max(...frame.tiles.map((t) => t.x + t.size))).toBeGreaterThanOrEqual(600);
    expect(Math.min(...frame.tiles.map((t) => t.y))).toBeLessThanOrEqual(0);
    expect(Math.max(...frame.tiles.map((t) => t.y + t.size))).toBeGreaterThanOrEqual(360);
  });
});

describe('the outlines of a district boundary', () => {
  const ring = [
    [-74.01, 40.7],
    [-74.0, 40.7],
    [-74.0, 40.71],
    [-74.01, 40.7],
  ];

  it('draws every ring of a Polygon or a MultiPolygon', () => {
    expect(outlineRings(JSON.stringify({ type: 'Polygon', coordinates: [ring] }))).toEqual([ring]);
    const hole = ring.map(([x, y]) => [x + 0.001, y + 0.001]);
    expect(
      outlineRings(JSON.stringify({ type: 'MultiPolygon', coordinates: [[ring, hole], [ring]] })),
    ).toEqual([ring, hole, ring]);
  });

  it('draws nothing of what is not a boundary yet, instead of breaking the map', () => {
    for (const text of [
      '',
      '{"type": "Polygon", "coordinates": [[[-74.01, 40.7], [-74',
      JSON.stringify({ type: 'Point', coordinates: [-74.01, 40.7] }),
      JSON.stringify({ type: 'MultiPolygon', coordinates: [-74.01, 40.7] }),
      JSON.stringify({ type: 'Polygon', coordinates: [[1, 2]] }),
      JSON.stringify({ type: 'Polygon' }),
      'null',
    ]) {
      expect(outlineRings(text)).toEqual([]);
    }
  });
});
