/** Cases not yet routed are counted under this department key. */
export const UNROUTED = 'unrouted';

/** Rollup keys for values a fact does not know (yet): keys of `case_daily` are never null. */
export const UNKNOWN = 'unknown';

/** A daily rollup: its table and its keys beside the day. */
export interface Rollup {
  table: string;
  keys: readonly RollupKey[];
}

export type RollupKey =
  'department_code' | 'service_code' | 'district_code' | 'channel' | 'priority' | 'history';

/**
 * The daily rollups (docs/adr/0056), smallest first: a question is answered from the smallest
 * whose keys hold every dimension it groups or filters by. Every key together makes a rollup
 * about as big as the facts on a big city (most cases are alone in their day x service x
 * district x channel x priority); the two coarser ones are far smaller.
 */
export const ROLLUPS: readonly Rollup[] = [
  { table: 'case_daily_district', keys: ['department_code', 'district_code', 'history'] },
  {
    table: 'case_daily_service',
    keys: ['department_code', 'service_code', 'channel', 'priority', 'history'],
  },
  {
    table: 'case_daily',
    keys: ['department_code', 'service_code', 'district_code', 'channel', 'priority', 'history'],
  },
];
