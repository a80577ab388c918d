/** Cases not yet routed are counted under this department key. */
export const UNROUTED = 'unrouted';

/** Rollup keys for values a fact does not know (yet): keys of the rollups are never null. */
export const UNKNOWN = 'unknown';

export type RollupKey =
  'department_code' | 'service_code' | 'district_code' | 'channel' | 'priority' | 'history';

/**
 * How long one row of a rollup lasts: a local day of the jurisdiction, or a local calendar month
 * (its row's `day` is then the month's first day).
 */
export type RollupGrain = 'day' | 'month';

/** A rollup: its table, its grain, its keys beside the day, and whether it keeps a histogram. */
export interface Rollup {
  table: string;
  grain: RollupGrain;
  keys: readonly RollupKey[];
  /** Keeps the histogram of hours to close (`CLOSE_HOURS_BUCKETS` columns, docs/adr/0064). */
  histogram: boolean;
}

/**
 * The rollups (docs/adr/0056, 0064), smallest first within each grain: a question is answered from
 * the smallest whose keys hold every dimension it groups or filters by, from the monthly ones for
 * the whole months of its range and the daily ones for the rest. Every key together makes a rollup
 * about as big as the facts on a big city (most cases are alone in their day x service x district
 * x channel x priority): it is kept only by day, without a histogram, for the rare question that
 * mixes the district with the service, channel or priority.
 */
export const ROLLUPS: readonly Rollup[] = [
  rollup('case_monthly_department', 'month', ['department_code', 'history']),
  rollup('case_monthly_department_service', 'month', [
    'department_code',
    'service_code',
    'history',
  ]),
  rollup('case_monthly_district', 'month', ['department_code', 'district_code', 'history']),
  rollup('case_monthly_service', 'month', [
    'department_code',
    'service_code',
    'channel',
    'priority',
    'history',
  ]),
  rollup('case_daily_department', 'day', ['department_code', 'history']),
  rollup('case_daily_department_service', 'day', ['department_code', 'service_code', 'history']),
  rollup('case_daily_district', 'day', ['department_code', 'district_code', 'history']),
  rollup('case_daily_service', 'day', [
    'department_code',
    'service_code',
    'channel',
    'priority',
    'history',
  ]),
  rollup(
    'case_daily',
    'day',
    ['department_code', 'service_code', 'district_code', 'channel', 'priority', 'history'],
    false,
  ),
];

function rollup(
  table: string,
  grain: RollupGrain,
  keys: readonly RollupKey[],
  histogram = true,
): Rollup {
  return { table, grain, keys, histogram };
}
