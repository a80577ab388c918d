/** Metres in one degree of latitude (and of longitude at the equator), on a spherical Earth. */
export const METRES_PER_DEGREE = 111_320;

/**
 * The finest cell a location is kept at (docs/adr/0056): an exact location may point at a home,
 * so only the centre of its 100 m cell is stored; hot spots use cells of this size or larger.
 */
export const STORED_CELL_METRES = 100;

export interface GridCell {
  latitude: number;
  longitude: number;
}

/**
 * The centre of the `metres`-wide cell holding a point, on an equirectangular grid: rows are
 * `metres` of latitude; within a row, columns are `metres` of longitude measured at the row's
 * centre, so a cell is square near it. The same grid is computed in SQL for hot spots
 * (`StatsReader.hotSpots`).
 */
export function gridCellOf(latitude: number, longitude: number, metres: number): GridCell {
  const row = Math.floor((latitude * METRES_PER_DEGREE) / metres);
  const centreLatitude = ((row + 0.5) * metres) / METRES_PER_DEGREE;
  const metresPerDegreeLongitude = METRES_PER_DEGREE * Math.cos((centreLatitude * Math.PI) / 180);
  const column = Math.floor((longitude * metresPerDegreeLongitude) / metres);
  const centreLongitude = ((column + 0.5) * metres) / metresPerDegreeLongitude;
  return { latitude: round6(centreLatitude), longitude: round6(centreLongitude) };
}

function round6(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
