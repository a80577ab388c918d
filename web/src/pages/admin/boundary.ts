/**
 * A district's boundary from a GeoJSON file as GIS tools export them. The API takes a Polygon or
 * MultiPolygon only (`saveDistrict`, docs/adr/0088), while most exports are a Feature or a
 * FeatureCollection around one: the page takes the polygons out of those. Anything else goes to
 * the API as it was typed, so its refusal names what is wrong (`geometry.type`, a position), the
 * same check every client gets.
 */

type Polygon = { type: 'Polygon'; coordinates: unknown[] };
type MultiPolygon = { type: 'MultiPolygon'; coordinates: unknown[] };
type Area = Polygon | MultiPolygon;

interface Feature {
  type: 'Feature';
  geometry: unknown;
  properties?: Record<string, unknown> | null;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function isArea(value: unknown): value is Area {
  return (
    isObject(value) &&
    (value.type === 'Polygon' || value.type === 'MultiPolygon') &&
    Array.isArray(value.coordinates)
  );
}

function isFeature(value: unknown): value is Feature {
  return isObject(value) && value.type === 'Feature';
}

function nameOf(feature: Feature): string | undefined {
  const name = feature.properties?.name ?? feature.properties?.NAME;
  return typeof name === 'string' && name.trim() ? name.trim() : undefined;
}

export interface Boundary {
  /** The text to send as `geometry`. */
  geometry: string;
  /** The feature's `name` property, when the file had one (to fill an empty name). */
  name?: string;
}

/**
 * The boundary in `text`: a Polygon or MultiPolygon as it is; a Feature's geometry; the polygons
 * of a FeatureCollection's features (one: its geometry; several: one MultiPolygon of them all).
 */
export function boundaryOf(text: string): Boundary {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { geometry: text };
  }
  if (isFeature(value)) {
    return isArea(value.geometry)
      ? { geometry: JSON.stringify(value.geometry), name: nameOf(value) }
      : { geometry: text };
  }
  if (isObject(value) && value.type === 'FeatureCollection' && Array.isArray(value.features)) {
    const features = value.features.filter(isFeature);
    const areas = features.map((f) => f.geometry).filter(isArea);
    if (areas.length === 0 || areas.length !== value.features.length) {
      return { geometry: text };
    }
    const name = features.length === 1 ? nameOf(features[0]) : undefined;
    if (areas.length === 1) {
      return { geometry: JSON.stringify(areas[0]), name };
    }
    const coordinates = areas.flatMap((a) =>
      a.type === 'Polygon' ? [a.coordinates] : a.coordinates,
    );
    return { geometry: JSON.stringify({ type: 'MultiPolygon', coordinates }) };
  }
  return { geometry: text };
}

/** A GeoJSON Polygon through the corners clicked, in order, its ring closed: [longitude, latitude]. */
export function polygonOf(corners: { lat: number; lon: number }[]): {
  type: 'Polygon';
  coordinates: number[][][];
} {
  const ring = corners.map((c) => [c.lon, c.lat]);
  return { type: 'Polygon', coordinates: [[...ring, ring[0]]] };
}

/** A list question's choices as typed, one a line: `key: name`, or a name that is its key too. */
export function choicesOf(text: string): { key: string; name: string }[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const colon = line.indexOf(':');
      return colon < 0
        ? { key: line, name: line }
        : { key: line.slice(0, colon).trim(), name: line.slice(colon + 1).trim() };
    });
}

/** The choices as the form shows them, one a line. */
export function choicesText(values: { key: string; name: string }[]): string {
  return values.map((v) => (v.key === v.name ? v.key : `${v.key}: ${v.name}`)).join('\n');
}
