import { METRES_PER_DEGREE } from './grid-cell.js';
import { UNROUTED, type RollupKey } from './rollup-keys.js';

/**
 * The cell size, in metres, of the hot-spot rollups: the dashboard's default. Other sizes are
 * counted from the facts (a cell's columns depend on its row's latitude, so a grid does not re-bin
 * exactly into a coarser one; docs/adr/0071).
 */
export const HOT_SPOT_ROLLUP_METRES = 250;

/**
 * The row and column (SQL) of the `metres`-wide cell holding the stored cell centre
 * (`latitude`, `longitude` SQL, float8): the grid of `gridCellOf`, rows of latitude, columns of
 * longitude measured at the row's centre. `metres` and `perDegree` are SQL (literals or
 * parameters); the same expression is used by the rollups and by the facts scan, so both place a
 * location in the same cell to the last bit.
 */
export function gridCellSql(
  latitude: string,
  longitude: string,
  metres: string,
  perDegree: string,
): { row: string; column: string } {
  const row = `floor(${latitude} * ${perDegree}::float8 / ${metres}::float8)`;
  return {
    row,
    column: `floor(${longitude} * ${perDegree}::float8
      * cos(radians((${row} + 0.5) * ${metres}::float8 / ${perDegree}::float8)) / ${metres}::float8)`,
  };
}

/** Which figure an opening rollup keeps: demand by hour, or hot spots (250 m cells). */
export type OpeningRollupKind = 'demand' | 'hot-spot';

/**
 * A rollup of where and when cases are received (docs/adr/0071), per local month: demand rollups
 * per local day of the week and hour, hot-spot rollups per 250 m cell. Only the opening counts
 * (`received`), so it changes only when a case's opening, keys, location or duplicate mark do.
 */
export interface OpeningRollup {
  table: string;
  kind: OpeningRollupKind;
  /** The filter keys beside the month and the hour (or cell). */
  keys: readonly RollupKey[];
}

/**
 * The opening rollups, smallest first within each kind: a question reads the smallest of its kind
 * holding every key it filters by. The hot-spot rollup with the service also gives each busy
 * cell's most frequent services.
 */
export const OPENING_ROLLUPS: readonly OpeningRollup[] = [
  { table: 'case_demand_monthly', kind: 'demand', keys: ['history'] },
  { table: 'case_demand_monthly_department', kind: 'demand', keys: ['department_code', 'history'] },
  {
    table: 'case_demand_monthly_service',
    kind: 'demand',
    keys: ['department_code', 'service_code', 'history'],
  },
  { table: 'case_hot_cell_monthly', kind: 'hot-spot', keys: ['history'] },
  {
    table: 'case_hot_cell_monthly_service',
    kind: 'hot-spot',
    keys: ['department_code', 'service_code', 'history'],
  },
];

/** The columns of an opening rollup before its keys, in the order of its primary key. */
export function positionColumns(rollup: OpeningRollup): string[] {
  return rollup.kind === 'demand'
    ? ['day', 'day_of_week', 'hour']
    : // Cell first: a busy cell's services are read by cell.
      ['cell_row', 'cell_column', 'day'];
}

/**
 * The statement adding to every opening rollup the openings of `facts`: SQL yielding rows of
 * `case_fact`'s columns and a `sign` (1 adds, -1 takes out), days and hours in the zone `zone` (a
 * placeholder). Rows whose signs cancel write nothing; each rollup is written in its primary
 * key's order, in the order of `OPENING_ROLLUPS`, so two transactions never deadlock on them.
 * A duplicate, or a case not opened yet, counts nowhere, as in the other rollups (docs/adr/0056).
 */
export function openingRollupSql(facts: string, zone: string): string {
  const cell = gridCellSql(
    'cell_latitude',
    'cell_longitude',
    String(HOT_SPOT_ROLLUP_METRES),
    String(METRES_PER_DEGREE),
  );
  const writes = OPENING_ROLLUPS.map((rollup, i) => {
    const columns = [...positionColumns(rollup), ...rollup.keys];
    const positions = columns.map((_, n) => n + 1).join(', ');
    const located = rollup.kind === 'hot-spot' ? 'WHERE cell_row IS NOT NULL' : '';
    return `w${i} AS (
         INSERT INTO ${rollup.table} AS d (${columns.join(', ')}, received)
         SELECT ${columns.join(', ')}, sum(sign)::int FROM f ${located}
         GROUP BY ${positions} HAVING sum(sign) <> 0 ORDER BY ${positions}
         ON CONFLICT (${columns.join(', ')}) DO UPDATE SET received = d.received + EXCLUDED.received
         RETURNING 1)`;
  });
  return `WITH o AS (${facts}), l AS (
         SELECT opened_at AT TIME ZONE ${zone} AS local,
                COALESCE(department_code, '${UNROUTED}') AS department_code, service_code,
                legacy_source IS NOT NULL AS history, cell_latitude, cell_longitude, sign
         FROM o WHERE opened_at IS NOT NULL AND NOT duplicate
       ), f AS (
         SELECT date_trunc('month', local)::date AS day, extract(dow FROM local)::int AS day_of_week,
                extract(hour FROM local)::int AS hour, department_code, service_code, history,
                ${cell.row}::int AS cell_row, ${cell.column}::int AS cell_column, sign
         FROM l
       ),
       ${writes.join(',\n       ')}
       SELECT 1`;
}
