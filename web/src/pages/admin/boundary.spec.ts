import { describe, expect, it } from '@jest/globals';
import { boundaryOf, choicesOf, choicesText, polygonOf } from './boundary';

const SQUARE = [
  [
    [-74.01, 40.7],
    [-74.0, 40.7],
    [-74.0, 40.71],
    [-74.01, 40.7],
  ],
];
const OTHER = [
  [
    [-73.99, 40.72],
    [-73.98, 40.72],
    [-73.98, 40.73],
    [-73.99, 40.72],
  ],
];
const polygon = (coordinates: unknown) => ({ type: 'Polygon', coordinates });
const feature = (geometry: unknown, properties: object | null = null) => ({
  type: 'Feature',
  geometry,
  properties,
});

describe('a district boundary from a GeoJSON file', () => {
  it('sends a Polygon or MultiPolygon exactly as typed', () => {
    const typed = ` {"type": "Polygon", "coordinates": ${JSON.stringify(SQUARE)}}\n`;
    expect(boundaryOf(typed)).toEqual({ geometry: typed });
    const multi = JSON.stringify({ type: 'MultiPolygon', coordinates: [SQUARE, OTHER] });
    expect(boundaryOf(multi)).toEqual({ geometry: multi });
  });

  it('takes the geometry out of a Feature, and its name', () => {
    const found = boundaryOf(JSON.stringify(feature(polygon(SQUARE), { name: 'Ward 18' })));
    expect(JSON.parse(found.geometry)).toEqual(polygon(SQUARE));
    expect(found.name).toBe('Ward 18');
    expect(boundaryOf(JSON.stringify(feature(polygon(SQUARE)))).name).toBeUndefined();
  });

  it('takes the one feature of a FeatureCollection, or joins several into one MultiPolygon', () => {
    const one = boundaryOf(
      JSON.stringify({
        type: 'FeatureCollection',
        features: [feature(polygon(SQUARE), { NAME: 'Dock' })],
      }),
    );
    expect(JSON.parse(one.geometry)).toEqual(polygon(SQUARE));
    expect(one.name).toBe('Dock');
    const several = boundaryOf(
      JSON.stringify({
        type: 'FeatureCollection',
        features: [
          feature(polygon(SQUARE), { name: 'North' }),
          feature({ type: 'MultiPolygon', coordinates: [OTHER, SQUARE] }),
        ],
      }),
    );
    expect(JSON.parse(several.geometry)).toEqual({
      type: 'MultiPolygon',
      coordinates: [SQUARE, OTHER, SQUARE],
    });
    // Several places have no one name.
    expect(several.name).toBeUndefined();
  });

  it('leaves anything else as typed, for the API to refuse naming what is wrong', () => {
    for (const text of [
      'not json at all',
      JSON.stringify({ type: 'Point', coordinates: [-74, 40.7] }),
      JSON.stringify(feature({ type: 'LineString', coordinates: [] })),
      JSON.stringify({ type: 'FeatureCollection', features: [] }),
      // A point among the polygons: not silently dropped.
      JSON.stringify({
        type: 'FeatureCollection',
        features: [feature(polygon(SQUARE)), feature({ type: 'Point', coordinates: [-74, 40.7] })],
      }),
      '[1, 2]',
      'null',
    ]) {
      expect(boundaryOf(text)).toEqual({ geometry: text });
    }
  });
});

describe("a list question's choices", () => {
  it('reads one a line, "key: name" or a name that is its own key, and writes them back', () => {
    const typed = ' small: Under 1 m \n\nlarge: Over 1 m\nblocking\n';
    const choices = choicesOf(typed);
    expect(choices).toEqual([
      { key: 'small', name: 'Under 1 m' },
      { key: 'large', name: 'Over 1 m' },
      { key: 'blocking', name: 'blocking' },
    ]);
    expect(choicesOf(choicesText(choices))).toEqual(choices);
  });
});

describe('a district boundary drawn on the map', () => {
  it('is a Polygon through the corners in the order clicked, as [longitude, latitude], its ring closed', () => {
    const corners = [
      { lat: 40.7, lon: -74.01 },
      { lat: 40.7, lon: -74.0 },
      { lat: 40.71, lon: -74.0 },
    ];
    const drawn = polygonOf(corners);
    expect(drawn).toEqual(polygon(SQUARE));
    // What the form sends is what a typed boundary would be.
    expect(boundaryOf(JSON.stringify(drawn))).toEqual({ geometry: JSON.stringify(drawn) });
  });
});
