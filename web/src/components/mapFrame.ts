/**
 * The plain map's frame in Web Mercator, the projection every tile server uses, so that district
 * outlines, points and (when configured) tiles line up. Worked in "world" units: the whole world
 * is 0..1 across and down, as at tile zoom 0.
 */

const TILE_PIXELS = 256;
const MAX_ZOOM = 19;

function worldX(lon: number): number {
  return (lon + 180) / 360;
}

function worldY(lat: number): number {
  const sin = Math.sin((lat * Math.PI) / 180);
  return 0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI);
}

function lonOf(wx: number): number {
  return wx * 360 - 180;
}

function latOf(wy: number): number {
  return (Math.atan(Math.sinh(Math.PI * (1 - 2 * wy))) * 180) / Math.PI;
}

export interface MapTile {
  href: string;
  x: number;
  y: number;
  size: number;
}

export interface MapFrame {
  x(lon: number): number;
  y(lat: number): number;
  /** The place at a fraction (0..1) across and down the frame. */
  at(fx: number, fy: number): { lat: number; lon: number };
  /** The corners actually shown: west, south, east, north. */
  bounds: [number, number, number, number];
  /** The tiles covering the frame, for `tileUrl`; none without one. */
  tiles: MapTile[];
}

/**
 * A frame of `width` x `height` around the bounds (west, south, east, north), widened on one side
 * to keep the map's proportions (a street runs straight, not stretched).
 */
export function mapFrame(
  [west, south, east, north]: [number, number, number, number],
  width: number,
  height: number,
  tileUrl: string | null,
): MapFrame {
  let x0 = worldX(west);
  let x1 = worldX(east);
  let y0 = worldY(north);
  let y1 = worldY(south);
  const scale = Math.min(width / (x1 - x0), height / (y1 - y0));
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  x0 = cx - width / scale / 2;
  x1 = cx + width / scale / 2;
  y0 = cy - height / scale / 2;
  y1 = cy + height / scale / 2;
  const x = (lon: number) => (worldX(lon) - x0) * scale;
  const y = (lat: number) => (worldY(lat) - y0) * scale;
  const tiles: MapTile[] = [];
  if (tileUrl) {
    const zoom = Math.max(0, Math.min(MAX_ZOOM, Math.round(Math.log2(scale / TILE_PIXELS))));
    const n = 2 ** zoom;
    for (let ty = Math.floor(y0 * n); ty < Math.ceil(y1 * n); ty += 1) {
      for (let tx = Math.floor(x0 * n); tx < Math.ceil(x1 * n); tx += 1) {
        if (ty < 0 || ty >= n) {
          continue;
        }
        tiles.push({
          href: tileUrl
            .replace('{z}', String(zoom))
            .replace('{x}', String(((tx % n) + n) % n))
            .replace('{y}', String(ty)),
          x: (tx / n - x0) * scale,
          y: (ty / n - y0) * scale,
          size: scale / n,
        });
      }
    }
  }
  return {
    x,
    y,
    at: (fx, fy) => ({ lon: lonOf(x0 + fx * (x1 - x0)), lat: latOf(y0 + fy * (y1 - y0)) }),
    bounds: [lonOf(x0), latOf(y1), lonOf(x1), latOf(y0)],
    tiles,
  };
}

/**
 * The tile URL template the gateway put in the page (WEB_MAP_TILE_URL, docs/adr/0082), or null:
 * the maps then draw on a plain background.
 */
export function configuredTileUrl(): string | null {
  return document.querySelector<HTMLMetaElement>('meta[name="civitas-map-tiles"]')?.content || null;
}

function isPosition(value: unknown): value is number[] {
  return (
    Array.isArray(value) &&
    value.length >= 2 &&
    typeof value[0] === 'number' &&
    typeof value[1] === 'number'
  );
}

function isRing(value: unknown): value is number[][] {
  return Array.isArray(value) && value.length > 0 && value.every(isPosition);
}

/**
 * The rings of a district's boundary (GeoJSON text: a Polygon or MultiPolygon) to draw as
 * outlines, `[longitude, latitude]` each. What is not one yet (an admin still typing it, a file
 * the API will refuse) draws nothing rather than breaking the map.
 */
export function outlineRings(geometry: string): number[][][] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(geometry);
  } catch {
    return [];
  }
  if (parsed === null || typeof parsed !== 'object') {
    return [];
  }
  const { type, coordinates } = parsed as { type?: unknown; coordinates?: unknown };
  if (!Array.isArray(coordinates)) {
    return [];
  }
  const polygons: unknown[] =
    type === 'Polygon' ? [coordinates] : type === 'MultiPolygon' ? coordinates : [];
  return polygons.flatMap((polygon) => (Array.isArray(polygon) ? polygon.filter(isRing) : []));
}
