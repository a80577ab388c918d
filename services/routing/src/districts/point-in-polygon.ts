/**
 * Point in polygon on plain longitude/latitude numbers, as GeoJSON writes them ([x, y] =
 * [longitude, latitude]). Planar: fine for city districts, whose edges are short; a polygon that
 * crosses the antimeridian is not handled (RFC 7946 §3.1.9 says to split it in a MultiPolygon).
 */

/** `[longitude, latitude]`; a third number (altitude) is ignored. */
export type Position = readonly number[];
/** A closed ring: its last position repeats its first. */
export type LinearRing = readonly Position[];
/** The outer boundary first, then any holes. */
export type PolygonCoordinates = readonly LinearRing[];

export type PolygonalGeometry =
  | { readonly type: 'Polygon'; readonly coordinates: PolygonCoordinates }
  | { readonly type: 'MultiPolygon'; readonly coordinates: readonly PolygonCoordinates[] };

/** `[minLongitude, minLatitude, maxLongitude, maxLatitude]`. */
export type BoundingBox = readonly [number, number, number, number];

/**
 * True when the point is inside the polygon by the even-odd rule over all its rings, so a point
 * in a hole is outside whatever the rings' winding. A point on any ring (a hole's too) counts as
 * inside: the boundary belongs to the district, so a case on a street between two districts gets
 * one of them rather than none.
 */
export function pointInPolygon(
  longitude: number,
  latitude: number,
  rings: PolygonCoordinates,
): boolean {
  let inside = false;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const xi = ring[i][0];
      const yi = ring[i][1];
      const xj = ring[j][0];
      const yj = ring[j][1];
      if (onSegment(longitude, latitude, xi, yi, xj, yj)) {
        return true;
      }
      // The edge straddles the horizontal line through the point and crosses it to the point's east.
      if (yi > latitude !== yj > latitude) {
        const crossingX = xi + ((latitude - yi) * (xj - xi)) / (yj - yi);
        if (longitude < crossingX) {
          inside = !inside;
        }
      }
    }
  }
  return inside;
}

/** True when the point is in the Polygon, or in any polygon of the MultiPolygon. */
export function pointInGeometry(
  longitude: number,
  latitude: number,
  geometry: PolygonalGeometry,
): boolean {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  return polygons.some((rings) => pointInPolygon(longitude, latitude, rings));
}

/** The smallest box holding every position of the geometry (a cheap test before the exact one). */
export function boundingBox(geometry: PolygonalGeometry): BoundingBox {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  for (const rings of polygons) {
    for (const ring of rings) {
      for (const [x, y] of ring) {
        minX = Math.min(minX, x);
        minY = Math.min(minY, y);
        maxX = Math.max(maxX, x);
        maxY = Math.max(maxY, y);
      }
    }
  }
  return [minX, minY, maxX, maxY];
}

export function inBoundingBox(longitude: number, latitude: number, box: BoundingBox): boolean {
  return longitude >= box[0] && latitude >= box[1] && longitude <= box[2] && latitude <= box[3];
}

/** Coordinates come from forms and legacy exports with ~1e-7 precision; this is far finer. */
const EPSILON = 1e-12;

function onSegment(x: number, y: number, x1: number, y1: number, x2: number, y2: number): boolean {
  if (
    x < Math.min(x1, x2) - EPSILON ||
    x > Math.max(x1, x2) + EPSILON ||
    y < Math.min(y1, y2) - EPSILON ||
    y > Math.max(y1, y2) + EPSILON
  ) {
    return false;
  }
  const cross = (x - x1) * (y2 - y1) - (y - y1) * (x2 - x1);
  return Math.abs(cross) <= EPSILON * Math.max(1, Math.hypot(x2 - x1, y2 - y1));
}
