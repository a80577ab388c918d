import type { DataSource } from 'typeorm';
import type { DistrictGeometry } from './district-geometry.js';

/**
 * Rough sample boundaries around the README's example (1 Centre St, 40.7128, -74.006), not
 * official ones: enough for a fresh `npm start` to place its demo requests. Replace them with the
 * jurisdiction's own through `saveDistrict` (docs/districts.md).
 */
export const SEED_DISTRICTS: { code: string; name: string; geometry: DistrictGeometry }[] = [
  {
    code: 'lower-manhattan',
    name: 'Lower Manhattan',
    geometry: {
      type: 'Polygon',
      coordinates: [
        [
          [-74.02, 40.698],
          [-73.998, 40.705],
          [-73.97, 40.71],
          [-73.97, 40.728],
          [-74.015, 40.728],
          [-74.02, 40.698],
        ],
      ],
    },
  },
  {
    code: 'midtown-manhattan',
    name: 'Midtown Manhattan',
    geometry: {
      type: 'Polygon',
      coordinates: [
        [
          [-74.015, 40.728],
          [-73.97, 40.728],
          [-73.958, 40.76],
          [-73.994, 40.774],
          [-74.015, 40.728],
        ],
      ],
    },
  },
  {
    code: 'brooklyn-waterfront',
    name: 'Brooklyn Waterfront',
    // Two parts (DUMBO and Downtown Brooklyn; Williamsburg): a district need not be in one piece.
    geometry: {
      type: 'MultiPolygon',
      coordinates: [
        [
          [
            [-73.999, 40.689],
            [-73.975, 40.689],
            [-73.975, 40.703],
            [-73.999, 40.703],
            [-73.999, 40.689],
          ],
        ],
        [
          [
            [-73.968, 40.708],
            [-73.95, 40.708],
            [-73.95, 40.725],
            [-73.968, 40.725],
            [-73.968, 40.708],
          ],
        ],
      ],
    },
  },
];

/** Inserts the sample districts that are missing; never touches one an administrator saved. */
export async function seedDistricts(dataSource: DataSource): Promise<void> {
  await dataSource.transaction(async (m) => {
    for (const d of SEED_DISTRICTS) {
      await m.query(
        `INSERT INTO district (code, name, geometry) VALUES ($1, $2, $3::jsonb)
         ON CONFLICT (code) DO NOTHING`,
        [d.code, d.name, JSON.stringify(d.geometry)],
      );
    }
  });
}
