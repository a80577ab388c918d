import type { GeoLocation } from '@civitas/contracts';

/** A location as a channel gives it: any part may be missing or blank. */
export interface GivenLocation {
  latitude?: number | null;
  longitude?: number | null;
  address?: string | null;
}

/**
 * Where a submission says the problem is, as the events carry it: the coordinates when both are
 * there, the address when it says something; undefined when neither (an address id alone, an
 * e-mail that names no place, a legacy row without one).
 */
export function placeOf(location: GivenLocation | null | undefined): GeoLocation | undefined {
  const latitude = location?.latitude;
  const longitude = location?.longitude;
  const address = location?.address?.trim() || undefined;
  if (typeof latitude === 'number' && typeof longitude === 'number') {
    return { latitude, longitude, address };
  }
  return address ? { address } : undefined;
}
