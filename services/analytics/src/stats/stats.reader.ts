import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AnalyticsConfig } from '../config/analytics.config.js';
import {
  gridCellSql,
  HISTOGRAM_COLUMNS,
  HOT_SPOT_ROLLUP_METRES,
  METRES_PER_DEGREE,
  OPENING_ROLLUPS,
  type OpeningRollup,
  type OpeningRollupKind,
  percentileFromHistogram,
  ROLLUP_VALUES,
  ROLLUPS,
  type Rollup,
  type RollupGrain,
  type RollupKey,
} from '../case-facts/index.js';
import { StatsDimension, StatsInterval, type StatsFilter } from './stats-filter.js';

export interface CaseStatsKey {
  department: string | null;
  service: string | null;
  district: string | null;
  channel: string | null;
  priority: string | null;
  period: string | null;
}

export interface CaseStatsRow {
  key: CaseStatsKey;
  received: number;
  closed: number;
  open: number;
  reopened: number;
  medianHoursToClose: number | null;
  p90HoursToClose: number | null;
  slaMet: number;
  slaMissed: number;
  slaMetPercent: number | null;
  overdueNow: number;
  /** Mean closure survey score of the answers given in the row; null without any (never 0). */
  satisfactionAverage: number | null;
  satisfactionResponses: number;
  /** Cases escalated in the row's period (routing found them open past their due time). */
  escalated: number;
}

export interface BacklogDelta {
  day: string;
  open: number;
  overdue: number;
}

export interface DemandCount {
  dayOfWeek: number;
  hour: number;
  received: number;
}

export interface HotSpotRow {
  latitude: number;
  longitude: number;
  received: number;
  topServices: string[];
}

/** The key columns of each dimension: in the daily rollup, and in the facts (keys never null). */
const DIMENSIONS: Record<
  StatsDimension,
  { alias: keyof CaseStatsKey; rollup: RollupKey; fact: string }
> = {
  [StatsDimension.DEPARTMENT]: {
    alias: 'department',
    rollup: 'department_code',
    fact: "COALESCE(department_code, 'unrouted')",
  },
  [StatsDimension.SERVICE]: { alias: 'service', rollup: 'service_code', fact: 'service_code' },
  [StatsDimension.DISTRICT]: {
    alias: 'district',
    rollup: 'district_code',
    fact: "COALESCE(district_code, 'unknown')",
  },
  [StatsDimension.CHANNEL]: {
    alias: 'channel',
    rollup: 'channel',
    fact: "COALESCE(channel, 'unknown')",
  },
  [StatsDimension.PRIORITY]: {
    alias: 'priority',
    rollup: 'priority',
    fact: "COALESCE(priority, 'unknown')",
  },
};

const FILTERED: { list: keyof StatsFilter; dimension: StatsDimension }[] = [
  { list: 'departmentCodes', dimension: StatsDimension.DEPARTMENT },
  { list: 'serviceCodes', dimension: StatsDimension.SERVICE },
  { list: 'districtCodes', dimension: StatsDimension.DISTRICT },
  { list: 'channels', dimension: StatsDimension.CHANNEL },
  { list: 'priorities', dimension: StatsDimension.PRIORITY },
];

const UNIT: Record<StatsInterval, string> = {
  [StatsInterval.DAY]: 'day',
  [StatsInterval.WEEK]: 'week',
  [StatsInterval.MONTH]: 'month',
};

/** A range of local days, both ends included; null ends are open. */
interface DayRange {
  from: string | null;
  to: string | null;
}

/** The dimensions a question groups or filters by. */
function neededBy(filter: StatsFilter, groupBy: readonly StatsDimension[]): Set<StatsDimension> {
  return new Set([
    ...groupBy,
    ...FILTERED.filter(({ list }) => filter[list] !== null).map(({ dimension }) => dimension),
  ]);
}

/** The smallest opening rollup of `kind` holding every dimension `needed`; undefined if none does. */
function openingRollupFor(
  needed: Set<StatsDimension>,
  kind: OpeningRollupKind,
): OpeningRollup | undefined {
  return OPENING_ROLLUPS.find(
    (r) => r.kind === kind && [...needed].every((d) => r.keys.includes(DIMENSIONS[d].rollup)),
  );
}

/** The smallest rollup of `grain` holding every dimension `needed`; undefined if none does. */
function rollupFor(needed: Set<StatsDimension>, grain: RollupGrain): Rollup | undefined {
  return ROLLUPS.find(
    (r) => r.grain === grain && [...needed].every((d) => r.keys.includes(DIMENSIONS[d].rollup)),
  );
}

const DAY_MS = 86_400_000;
const asDate = (day: string) => new Date(`${day}T00:00:00.000Z`);
const isoDay = (date: Date) => date.toISOString().slice(0, 10);
const addDays = (day: string, days: number) =>
  isoDay(new Date(asDate(day).getTime() + days * DAY_MS));
const monthStart = (day: string, months = 0) => {
  const d = asDate(day);
  return isoDay(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1)));
};

/**
 * The whole months of a range (their first days, as the monthly rollups' rows have them) and the
 * days left at either end, to be read from the daily rollups.
 */
export function splitByMonth(range: DayRange): { months: DayRange | null; days: DayRange[] } {
  const first =
    range.from === null || range.from === monthStart(range.from)
      ? range.from
      : monthStart(range.from, 1);
  const lastEnds = range.to !== null && addDays(range.to, 1) === monthStart(range.to, 1);
  const last =
    range.to === null ? null : lastEnds ? monthStart(range.to) : monthStart(range.to, -1);
  if (first !== null && last !== null && first > last) {
    return { months: null, days: [range] };
  }
  const days: DayRange[] = [];
  if (range.from !== null && first !== null && range.from < first) {
    days.push({ from: range.from, to: addDays(first, -1) });
  }
  if (range.to !== null && last !== null && !lastEnds) {
    days.push({ from: monthStart(last, 1), to: range.to });
  }
  return { months: { from: first, to: last }, days };
}

/** Parameters of one statement, numbered as they are added. */
class Params {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }

  /** A parameter added where first used: Postgres refuses one it cannot type because no SQL uses it. */
  once(value: unknown): () => string {
    let name: string | undefined;
    return () => (name ??= this.add(value));
  }
}

/** A question's rows read from the rollups: which statement, and whether it has histograms. */
interface RollupSource {
  sql: string;
  histogram: boolean;
}

/**
 * Reads the figures (docs/adr/0056, 0064): counts and histograms of hours to close from the
 * smallest rollups that have the keys asked about, monthly for the whole months of the range and
 * daily for the days around them; medians and percentiles exactly with `percentile_cont` over the
 * facts closed in the range when the question has few closures
 * (`ANALYTICS_EXACT_PERCENTILES_UP_TO`), from the histograms otherwise; what is overdue now as the
 * open cases with a running clock and a due time less those not yet due (partial index on open
 * cases; a case held on hold is neither, docs/adr/0080); demand by hour
 * and hot spots from the opening rollups (docs/adr/0071) where they hold the question's keys. Days are the jurisdiction's (`ANALYTICS_TIME_ZONE`); SQL is built
 * only from the fixed fragments above, every value is a parameter.
 */
@Injectable()
export class StatsReader {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AnalyticsConfig,
  ) {}

  async caseStats(
    filter: StatsFilter,
    groupBy: readonly StatsDimension[],
    interval: StatsInterval | null,
  ): Promise<CaseStatsRow[]> {
    const dims = [...new Set(groupBy)].map((d) => DIMENSIONS[d]);
    const aliases = [...dims.map((d) => `k_${d.alias}`), ...(interval ? ['k_period'] : [])];
    // The local day is asked for only with an interval: an unused parameter has no type.
    const period = (localDay: () => string) =>
      interval
        ? [`date_trunc('${UNIT[interval]}', ${localDay()}::timestamp)::date::text AS k_period`]
        : [];
    const keysOf = (column: 'rollup' | 'fact', localDay: () => string) =>
      ['1 AS k_all', ...dims.map((d) => `${d[column]} AS k_${d.alias}`), ...period(localDay)].join(
        ', ',
      );
    const groups = ['k_all', ...aliases].map((_, i) => i + 1).join(', ');
    const joined = ['k_all', ...aliases].join(', ');
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const p = new Params();
      const zone = p.once(this.config.ANALYTICS_TIME_ZONE);
      const localDayOf = (ts: string) => `(${ts} AT TIME ZONE ${zone()})::date`;
      const source = this.rollupSource(p, filter, neededBy(filter, groupBy), filter, {
        monthly: interval === null || interval === StatsInterval.MONTH,
        histogram: true,
      });
      const rows = await manager.query<Record<string, unknown>[]>(
        `WITH r AS (
          SELECT ${keysOf('rollup', () => 'day')},
                 sum(received)::int AS received, sum(closed)::int AS closed, sum(still_open)::int AS open,
                 sum(still_open_due)::int AS open_due,
                 sum(reopened)::int AS reopened, sum(sla_met)::int AS sla_met, sum(sla_missed)::int AS sla_missed,
                 sum(satisfaction_sum)::int AS satisfaction_sum,
                 sum(satisfaction_responses)::int AS satisfaction_responses,
                 sum(escalated)::int AS escalated
                 ${source.histogram ? `, concat_ws(',', ${HISTOGRAM_COLUMNS.map((h) => `sum(${h})`).join(', ')}) AS histogram` : ''}
          FROM (${source.sql}) s
          GROUP BY ${groups}
          HAVING sum(received) <> 0 OR sum(closed) <> 0 OR sum(reopened) <> 0
              OR sum(satisfaction_responses) <> 0 OR sum(escalated) <> 0
        ), o AS (
          SELECT ${keysOf('fact', () => localDayOf('opened_at'))}, count(*)::int AS not_due
          FROM case_fact
          WHERE status <> 'CLOSED' AND due_at >= now() AND sla_held_since IS NULL AND ${this.factConditions(filter, p, zone, 'opened_at')}
          GROUP BY ${groups}
        )
        SELECT r.*, r.open_due - COALESCE(o.not_due, 0) AS overdue
        FROM r LEFT JOIN o USING (${joined})
        ORDER BY ${joined}`,
        p.values,
      );
      // The buckets come as one text per row: far cheaper to read than 64 columns. Each row's
      // is read once (it was read three times: 15% of the service's CPU for 2,000 rows).
      const histograms = source.histogram
        ? rows.map((row) => (row.histogram as string).split(',').map(Number))
        : [];
      const timedClosures = source.histogram
        ? histograms.reduce((n, counts) => n + counts.reduce((a, b) => a + b, 0), 0)
        : Infinity;
      const keyOf = (row: Record<string, unknown>, alias: keyof CaseStatsKey) =>
        `k_${alias}` in row ? (row[`k_${alias}`] as string) : null;
      const joinKey = (row: Record<string, unknown>) =>
        JSON.stringify(aliases.map((a) => row[a] as string));
      const exact =
        timedClosures <= this.config.ANALYTICS_EXACT_PERCENTILES_UP_TO || !source.histogram
          ? await this.exactPercentiles(manager, filter, keysOf, groups)
          : null;
      const exactByKey = new Map(exact?.map((m) => [joinKey(m), m]));
      return rows.map((row, i) => {
        const slaMet = Number(row.sla_met);
        const slaMissed = Number(row.sla_missed);
        const responses = Number(row.satisfaction_responses);
        const m = exact ? exactByKey.get(joinKey(row)) : undefined;
        const [median, p90] = exact
          ? [m?.median ?? null, m?.p90 ?? null].map((v) => (v === null ? null : Number(v)))
          : [0.5, 0.9].map((q) => percentileFromHistogram(histograms[i], q));
        return {
          key: {
            department: keyOf(row, 'department'),
            service: keyOf(row, 'service'),
            district: keyOf(row, 'district'),
            channel: keyOf(row, 'channel'),
            priority: keyOf(row, 'priority'),
            period: keyOf(row, 'period'),
          },
          received: Number(row.received),
          closed: Number(row.closed),
          open: Number(row.open),
          reopened: Number(row.reopened),
          medianHoursToClose: median,
          p90HoursToClose: p90,
          slaMet,
          slaMissed,
          slaMetPercent: slaMet + slaMissed > 0 ? (100 * slaMet) / (slaMet + slaMissed) : null,
          overdueNow: Number(row.overdue),
          satisfactionAverage: responses > 0 ? Number(row.satisfaction_sum) / responses : null,
          satisfactionResponses: responses,
          escalated: Number(row.escalated),
        };
      });
    });
  }

  /** Median and 90th percentile of hours to close per group, exactly, from the facts closed in range. */
  private exactPercentiles(
    manager: EntityManager,
    filter: StatsFilter,
    keysOf: (column: 'rollup' | 'fact', localDay: () => string) => string,
    groups: string,
  ): Promise<Record<string, unknown>[]> {
    const p = new Params();
    const zone = p.once(this.config.ANALYTICS_TIME_ZONE);
    const conditions = this.factConditions(filter, p, zone, 'closed_at');
    return manager.query<Record<string, unknown>[]>(
      `SELECT ${keysOf('fact', () => `(closed_at AT TIME ZONE ${zone()})::date`)},
              percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM closed_at - opened_at) / 3600) AS median,
              percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM closed_at - opened_at) / 3600) AS p90
       FROM case_fact
       WHERE status = 'CLOSED' AND closed_at IS NOT NULL AND ${conditions}
       GROUP BY ${groups}`,
      p.values,
    );
  }

  /**
   * Per day up to `filter.to`, how the backlog changed: cases received less cases closed, cases
   * becoming overdue less overdue cases closed. The backlog at the end of a day is their sum so
   * far. Everything before `filter.from` comes as one change on the day before it (read from the
   * monthly rollups for its whole months).
   */
  async backlogDeltas(filter: StatsFilter): Promise<BacklogDelta[]> {
    const p = new Params();
    const needed = neededBy(filter, []);
    const changes = 'received, closed, became_overdue, overdue_ended';
    const within = this.rollupSource(p, filter, needed, filter, { monthly: false }, changes);
    const before =
      filter.from === null
        ? null
        : `SELECT ${p.add(addDays(filter.from, -1))}::date AS day, ${changes} FROM (${
            this.rollupSource(
              p,
              filter,
              needed,
              { from: null, to: addDays(filter.from, -1) },
              { monthly: true },
              changes,
            ).sql
          }) b`;
    return this.dataSource.query<BacklogDelta[]>(
      `SELECT day::text AS day, sum(received - closed)::int AS open,
              sum(became_overdue - overdue_ended)::int AS overdue
       FROM (SELECT day, ${changes} FROM (${within.sql}) w${before ? ` UNION ALL ${before}` : ''}) s
       GROUP BY day ORDER BY day`,
      p.values,
    );
  }

  /**
   * Cases received per local day of the week (0 = Sunday) and hour; cells without any are absent.
   * From the smallest demand rollup holding the filter's keys for the range's whole months, and
   * from the facts for the days around them; from the facts alone for a filter by district,
   * channel or priority (docs/adr/0071).
   */
  async demandByHour(filter: StatsFilter): Promise<DemandCount[]> {
    const p = new Params();
    const zone = p.once(this.config.ANALYTICS_TIME_ZONE);
    const rollup = openingRollupFor(neededBy(filter, []), 'demand');
    const fromFacts = (range: DayRange) =>
      `SELECT extract(dow FROM opened_at AT TIME ZONE ${zone()})::int AS day_of_week,
              extract(hour FROM opened_at AT TIME ZONE ${zone()})::int AS hour, 1 AS received
       FROM case_fact WHERE ${this.factConditions(filter, p, zone, 'opened_at', range)}`;
    // Parameters are numbered as the SQL is written: each part is written once, when chosen.
    const parts: string[] = [];
    if (rollup) {
      const { months, days } = splitByMonth(filter);
      parts.push(...days.map(fromFacts));
      if (months) {
        parts.push(`SELECT day_of_week, hour, received FROM ${rollup.table}
                    WHERE ${this.rollupConditions(filter, months, p)}`);
      }
    } else {
      parts.push(fromFacts(filter));
    }
    return this.dataSource.query<DemandCount[]>(
      `SELECT day_of_week AS "dayOfWeek", hour, sum(received)::int AS received
       FROM (${parts.join(' UNION ALL ')}) s
       GROUP BY 1, 2 HAVING sum(received) > 0`,
      p.values,
    );
  }

  /**
   * The `top` cells of `metres` with the most cases received, busiest first, each with its three
   * most frequent services. Cells are built from the stored 100 m cell centres on the same grid
   * as `gridCellOf` (rows of latitude, columns of longitude measured at the row's centre). Cells
   * of 250 m (the default) are read from the hot-spot rollups for the range's whole months and
   * from the facts for the days around them; other sizes, and filters by district, channel or
   * priority, from the facts (docs/adr/0071).
   */
  async hotSpots(filter: StatsFilter, metres: number, top: number): Promise<HotSpotRow[]> {
    const p = new Params();
    const zone = p.once(this.config.ANALYTICS_TIME_ZONE);
    // Added where first used: a question answered from the rollups alone has no use for them.
    const m = p.once(metres);
    const perDegree = p.once(METRES_PER_DEGREE);
    const fromFacts = (range: DayRange) => {
      const cell = gridCellSql('cell_latitude', 'cell_longitude', m(), perDegree());
      return `SELECT ${cell.row}::int AS y, ${cell.column}::int AS x, service_code
       FROM case_fact
       WHERE cell_latitude IS NOT NULL AND ${this.factConditions(filter, p, zone, 'opened_at', range)}`;
    };
    const needed = neededBy(filter, []);
    const cells = openingRollupFor(needed, 'hot-spot');
    const services = openingRollupFor(new Set([...needed, StatsDimension.SERVICE]), 'hot-spot');
    const fromRollups = metres === HOT_SPOT_ROLLUP_METRES && cells && services;
    // Each counted location once (n = 1) from the facts, or many from a rollup row: the cells
    // counted, the busiest kept, then their services counted the same way.
    let counted: string;
    let perService: string;
    let located: string;
    if (fromRollups) {
      const { months, days } = splitByMonth(filter);
      located =
        days.length > 0
          ? days.map(fromFacts).join(' UNION ALL ')
          : 'SELECT 0 AS y, 0 AS x, NULL::text AS service_code WHERE false';
      const rollupRows = (rollup: OpeningRollup, columns: string, join: string) =>
        months
          ? [
              `SELECT ${columns} FROM ${rollup.table} r ${join}
               WHERE ${this.rollupConditions(filter, months, p)}`,
            ]
          : [];
      counted = [
        ...rollupRows(cells, 'cell_row AS y, cell_column AS x, received AS n', ''),
        'SELECT y, x, 1 AS n FROM located',
      ].join(' UNION ALL ');
      perService = [
        ...rollupRows(
          services,
          'r.cell_row AS y, r.cell_column AS x, r.service_code, r.received AS n',
          'JOIN cells c ON r.cell_row = c.y AND r.cell_column = c.x',
        ),
        'SELECT y, x, service_code, 1 AS n FROM located JOIN cells USING (y, x)',
      ].join(' UNION ALL ');
    } else {
      located = fromFacts(filter);
      counted = 'SELECT y, x, 1 AS n FROM located';
      perService = 'SELECT y, x, service_code, 1 AS n FROM located JOIN cells USING (y, x)';
    }
    const rows = await this.dataSource.query<
      { y: number; x: number; received: number; top: string[] }[]
    >(
      `WITH located AS MATERIALIZED (${located}), cells AS (
         SELECT y, x, sum(n)::int AS received FROM (${counted}) q GROUP BY y, x HAVING sum(n) > 0
         ORDER BY received DESC, y, x LIMIT ${p.add(top)}
       ), services AS (
         SELECT y, x, service_code, sum(n) AS n FROM (${perService}) q
         GROUP BY y, x, service_code HAVING sum(n) > 0
       )
       SELECT c.y::float8 AS y, c.x::float8 AS x, c.received,
              ARRAY(SELECT s.service_code FROM services s WHERE s.y = c.y AND s.x = c.x
                    ORDER BY s.n DESC, s.service_code LIMIT 3) AS top
       FROM cells c ORDER BY c.received DESC, c.y, c.x`,
      p.values,
    );
    return rows.map((row) => {
      const latitude = ((row.y + 0.5) * metres) / METRES_PER_DEGREE;
      const longitude =
        ((row.x + 0.5) * metres) / (METRES_PER_DEGREE * Math.cos((latitude * Math.PI) / 180));
      return {
        latitude: round6(latitude),
        longitude: round6(longitude),
        received: row.received,
        topServices: row.top,
      };
    });
  }

  /**
   * The rollup rows of a question over `range`: from the smallest monthly rollup with the keys
   * `needed` for the range's whole months (when `monthly` and one has them) and the smallest daily
   * one for the rest. Each row has its day (a month's first day for monthly rows), every key, and
   * `columns` (all the figures, with the histogram if both rollups keep one, by default).
   */
  private rollupSource(
    p: Params,
    filter: StatsFilter,
    needed: Set<StatsDimension>,
    range: DayRange,
    options: { monthly: boolean; histogram?: boolean },
    columns?: string,
  ): RollupSource {
    const daily = rollupFor(needed, 'day') ?? ROLLUPS[ROLLUPS.length - 1];
    const monthly = options.monthly ? rollupFor(needed, 'month') : undefined;
    const histogram = options.histogram === true && daily.histogram && (monthly?.histogram ?? true);
    const keys = [...new Set(['history', ...[...needed].map((d) => DIMENSIONS[d].rollup)])];
    const selected = [
      'day',
      ...keys,
      columns ?? [...ROLLUP_VALUES, ...(histogram ? HISTOGRAM_COLUMNS : [])].join(', '),
    ].join(', ');
    const part = (rollup: Rollup, within: DayRange) =>
      `SELECT ${selected} FROM ${rollup.table} WHERE ${this.rollupConditions(filter, within, p)}`;
    if (!monthly) {
      return { sql: part(daily, range), histogram };
    }
    const { months, days } = splitByMonth(range);
    const parts = [...(months ? [part(monthly, months)] : []), ...days.map((d) => part(daily, d))];
    return { sql: parts.join(' UNION ALL '), histogram };
  }

  /** The filter on a rollup over `range` (its days are already local). */
  private rollupConditions(filter: StatsFilter, range: DayRange, p: Params): string {
    const conditions = ['true'];
    if (range.from) {
      conditions.push(`day >= ${p.add(range.from)}::date`);
    }
    if (range.to) {
      conditions.push(`day <= ${p.add(range.to)}::date`);
    }
    if (!filter.includeHistory) {
      conditions.push('NOT history');
    }
    for (const { list, dimension } of FILTERED) {
      const values = filter[list] as string[] | null;
      if (values) {
        conditions.push(`${DIMENSIONS[dimension].rollup} = ANY(${p.add(values)}::text[])`);
      }
    }
    return conditions.join(' AND ');
  }

  /** The filter on the facts, the range applying to `time` (local days turned into instants). */
  private factConditions(
    filter: StatsFilter,
    p: Params,
    zone: () => string,
    time: string,
    range: DayRange = filter,
  ): string {
    const conditions = ['opened_at IS NOT NULL', 'NOT duplicate'];
    if (range.from) {
      conditions.push(`${time} >= (${p.add(range.from)}::date::timestamp AT TIME ZONE ${zone()})`);
    }
    if (range.to) {
      conditions.push(
        `${time} < ((${p.add(range.to)}::date + 1)::timestamp AT TIME ZONE ${zone()})`,
      );
    }
    if (!filter.includeHistory) {
      conditions.push('legacy_source IS NULL');
    }
    for (const { list, dimension } of FILTERED) {
      const values = filter[list] as string[] | null;
      if (values) {
        conditions.push(`${DIMENSIONS[dimension].fact} = ANY(${p.add(values)}::text[])`);
      }
    }
    return conditions.join(' AND ');
  }
}

function round6(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
