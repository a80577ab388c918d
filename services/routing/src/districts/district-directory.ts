import { Injectable, Logger } from '@nestjs/common';
import type { Transaction } from '@civitas/messaging';
import { DistrictRepository } from './district.repository.js';
import {
  boundingBox,
  inBoundingBox,
  pointInGeometry,
  type BoundingBox,
  type PolygonalGeometry,
} from './point-in-polygon.js';

/**
 * How long a replica trusts the districts it loaded. A save on this replica refreshes them at
 * once; another replica sees it within this time (no bus event for it: districts change a few
 * times a year, and a case routed meanwhile keeps the district it was given).
 */
export const DISTRICTS_REFRESH_MS = 60_000;

interface LoadedDistrict {
  code: string;
  box: BoundingBox;
  geometry: PolygonalGeometry;
}

/** A point as a case carries it; either half may be missing. */
export interface Located {
  latitude?: number | null;
  longitude?: number | null;
}

/**
 * Places points in districts, in memory: every located case is tested against the active
 * districts' boundaries (a bounding box first, then point in polygon), loaded from the database
 * at most every DISTRICTS_REFRESH_MS (docs/adr/0024).
 */
@Injectable()
export class DistrictDirectory {
  private readonly logger = new Logger(DistrictDirectory.name);
  private loaded: { at: number; districts: LoadedDistrict[] } | null = null;
  /** Bumped by each save, so a load that began before the save never caches what it read. */
  private generation = 0;

  constructor(private readonly repository: DistrictRepository) {}

  /**
   * The code of the district holding each point, null where there is none or no coordinates.
   * Districts should not overlap; where they do, the first by code wins, so the answer is stable.
   */
  async locate(
    points: readonly (Located | undefined)[],
    tx?: Transaction,
  ): Promise<(string | null)[]> {
    if (points.every((p) => !hasCoordinates(p))) {
      return points.map(() => null);
    }
    const districts = await this.current(tx);
    return points.map((point) => {
      if (!hasCoordinates(point)) {
        return null;
      }
      const { longitude, latitude } = point;
      const found = districts.find(
        (d) =>
          inBoundingBox(longitude, latitude, d.box) &&
          pointInGeometry(longitude, latitude, d.geometry),
      );
      return found?.code ?? null;
    });
  }

  /** After a district is saved (committed): the next case placed reads them again. */
  invalidate(): void {
    this.generation += 1;
    this.loaded = null;
  }

  private async current(tx?: Transaction): Promise<LoadedDistrict[]> {
    if (this.loaded && Date.now() - this.loaded.at < DISTRICTS_REFRESH_MS) {
      return this.loaded.districts;
    }
    const generation = this.generation;
    const at = Date.now();
    const districts = (await this.repository.active(tx)).map((d) => ({
      code: d.code,
      box: boundingBox(d.geometry),
      geometry: d.geometry,
    }));
    if (generation === this.generation) {
      this.loaded = { at, districts };
    }
    this.logger.debug({ msg: 'districts loaded', districts: districts.length });
    return districts;
  }
}

function hasCoordinates(
  point: Located | undefined,
): point is { latitude: number; longitude: number } {
  return typeof point?.latitude === 'number' && typeof point.longitude === 'number';
}
