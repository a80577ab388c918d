import type { FieldProblem } from '@civitas/contracts';

/** A district's boundary as stored: GeoJSON positions cut to `[longitude, latitude]`. */
export type DistrictGeometry =
  | { type: 'Polygon'; coordinates: number[][][] }
  | { type: 'MultiPolygon'; coordinates: number[][][][] };

/** Every position is tested for each located case; a city district needs far fewer. */
export const MAX_POSITIONS = 100_000;
/** A broken export can have thousands of bad positions; the first few say what is wrong. */
const MAX_PROBLEMS = 20;

export type GeometryReading =
  { geometry: DistrictGeometry; problems: [] } | { geometry: null; problems: FieldProblem[] };

/**
 * Reads a district boundary sent as GeoJSON text: a Polygon or MultiPolygon (RFC 7946) whose
 * rings have at least 4 positions and are closed, every position `[longitude, latitude]` (an
 * altitude is allowed and dropped) within range. Problems name the place in the input, e.g.
 * `geometry.coordinates[0][3]`. Ring winding is not checked (RFC 7946 tells readers not to
 * reject either), nor are self-intersections.
 */
export function readDistrictGeometry(text: string, field = 'geometry'): GeometryReading {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return refused([{ field, reason: `is not JSON: ${(error as Error).message}` }]);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return refused([
      { field, reason: 'must be a GeoJSON object: { "type": "Polygon", "coordinates": [...] }' },
    ]);
  }
  const { type, coordinates } = value as { type?: unknown; coordinates?: unknown };
  if (type !== 'Polygon' && type !== 'MultiPolygon') {
    const reason =
      type === 'Feature' || type === 'FeatureCollection'
        ? `is a GeoJSON ${type}; send the "geometry" of one feature (a Polygon or MultiPolygon)`
        : `must be "Polygon" or "MultiPolygon", not ${JSON.stringify(type ?? null)}`;
    return refused([{ field: `${field}.type`, reason }]);
  }
  const checker = new Checker();
  const at = `${field}.coordinates`;
  if (type === 'Polygon') {
    checker.polygon(coordinates, at);
  } else if (!Array.isArray(coordinates) || coordinates.length === 0) {
    checker.add(at, 'must be a non-empty array of polygons');
  } else {
    coordinates.forEach((polygon, i) => checker.polygon(polygon, `${at}[${i}]`));
  }
  if (checker.positions > MAX_POSITIONS) {
    checker.add(at, `has ${checker.positions} positions; at most ${MAX_POSITIONS} are accepted`);
  }
  if (checker.problems.length > 0) {
    return refused(checker.report());
  }
  // Checked above: only arrays of numeric positions remain.
  const cut = (rings: number[][][]) => rings.map((ring) => ring.map(([x, y]) => [x, y]));
  const geometry: DistrictGeometry =
    type === 'Polygon'
      ? { type, coordinates: cut(coordinates as number[][][]) }
      : { type, coordinates: (coordinates as number[][][][]).map(cut) };
  return { geometry, problems: [] };
}

function refused(problems: FieldProblem[]): GeometryReading {
  return { geometry: null, problems };
}

class Checker {
  readonly problems: FieldProblem[] = [];
  positions = 0;

  add(field: string, reason: string): void {
    this.problems.push({ field, reason });
  }

  report(): FieldProblem[] {
    if (this.problems.length <= MAX_PROBLEMS) {
      return this.problems;
    }
    const last = this.problems[MAX_PROBLEMS - 1];
    return [
      ...this.problems.slice(0, MAX_PROBLEMS - 1),
      {
        field: last.field,
        reason: `${last.reason} (and ${this.problems.length - MAX_PROBLEMS} more problems not listed)`,
      },
    ];
  }

  polygon(value: unknown, at: string): void {
    if (!Array.isArray(value) || value.length === 0) {
      this.add(at, 'must be a non-empty array of linear rings (the boundary, then any holes)');
      return;
    }
    value.forEach((ring, r) => this.ring(ring, `${at}[${r}]`));
  }

  private ring(value: unknown, at: string): void {
    if (!Array.isArray(value)) {
      this.add(at, 'must be an array of positions');
      return;
    }
    this.positions += value.length;
    if (value.length < 4) {
      this.add(
        at,
        `a linear ring needs at least 4 positions (the first repeated as the last); it has ${value.length}`,
      );
    }
    const valid = value.map((position, k) => this.position(position, `${at}[${k}]`));
    if (value.length >= 4 && valid.every(Boolean)) {
      const first = value[0] as number[];
      const last = value[value.length - 1] as number[];
      if (first[0] !== last[0] || first[1] !== last[1]) {
        this.add(at, 'is not closed: its last position must repeat its first');
      }
    }
  }

  private position(value: unknown, at: string): boolean {
    if (
      !Array.isArray(value) ||
      value.length < 2 ||
      value.length > 3 ||
      !value.every((n) => typeof n === 'number' && Number.isFinite(n))
    ) {
      this.add(at, 'must be [longitude, latitude] (numbers, an optional altitude third)');
      return false;
    }
    const [longitude, latitude] = value as number[];
    let ok = true;
    if (longitude < -180 || longitude > 180) {
      this.add(
        at,
        `longitude ${longitude} is outside -180..180 (positions are [longitude, latitude])`,
      );
      ok = false;
    }
    if (latitude < -90 || latitude > 90) {
      this.add(at, `latitude ${latitude} is outside -90..90 (positions are [longitude, latitude])`);
      ok = false;
    }
    return ok;
  }
}
