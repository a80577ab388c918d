/** What the figures can be grouped by (the GraphQL enum `StatsDimension` has these values). */
export enum StatsDimension {
  DEPARTMENT = 'DEPARTMENT',
  SERVICE = 'SERVICE',
  DISTRICT = 'DISTRICT',
  CHANNEL = 'CHANNEL',
  PRIORITY = 'PRIORITY',
}

/** Periods of the jurisdiction's calendar (weeks start on Monday). */
export enum StatsInterval {
  DAY = 'DAY',
  WEEK = 'WEEK',
  MONTH = 'MONTH',
}

/**
 * Which cases a figure counts, checked and scoped to the caller (`scopeStatsFilter`). Days are the
 * jurisdiction's local days, both ends included; a null list means "any", an empty one "none".
 */
export interface StatsFilter {
  from: string | null;
  to: string | null;
  departmentCodes: string[] | null;
  serviceCodes: string[] | null;
  districtCodes: string[] | null;
  channels: string[] | null;
  priorities: string[] | null;
  includeHistory: boolean;
}
