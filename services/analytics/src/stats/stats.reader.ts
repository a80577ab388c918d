import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AnalyticsConfig } from '../config/analytics.config.js';
import { METRES_PER_DEGREE, ROLLUPS, type RollupKey } from '../case-facts/index.js';
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

/** The smallest daily rollup holding every dimension grouped or filtered by. */
function rollupFor(filter: StatsFilter, groupBy: readonly StatsDimension[]): string {
  const needed = new Set([
    ...groupBy,
    ...FILTERED.filter(({ list }) => filter[list] !== null).map(({ dimension }) => dimension),
  ]);
  const rollup = ROLLUPS.find((r) =>
    [...needed].every((d) => r.keys.includes(DIMENSIONS[d].rollup)),
  );
  // The last rollup has every key.
  return (rollup ?? ROLLUPS[ROLLUPS.length - 1]).table;
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

/**
 * Reads the figures (docs/adr/0056): counts from the smallest daily rollup that has the keys asked
 * about, medians and
 * percentiles with `percentile_cont` over the facts closed in the range (BRIN on `closed_at`),
 * what is overdue now from the partial index on open cases, demand by hour and hot spots from the
 * facts. Days are the jurisdiction's (`ANALYTICS_TIME_ZONE`); SQL is built only from the fixed
 * fragments above, every value is a parameter.
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
    const p = new Params();
    const zone = p.once(this.config.ANALYTICS_TIME_ZONE);
    const dims = [...new Set(groupBy)].map((d) => DIMENSIONS[d]);
    const aliases = [
      'k_all',
      ...dims.map((d) => `k_${d.alias}`),
      ...(interval ? ['k_period'] : []),
    ];
    const period = (localDay: () => string) =>
      interval
        ? [`date_trunc('${UNIT[interval]}', ${localDay()}::timestamp)::date::text AS k_period`]
        : [];
    const keysOf = (column: 'rollup' | 'fact', localDay: () => string) =>
      ['1 AS k_all', ...dims.map((d) => `${d[column]} AS k_${d.alias}`), ...period(localDay)].join(
        ', ',
      );
    const localDayOf = (ts: string) => `(${ts} AT TIME ZONE ${zone()})::date`;
    const groups = aliases.map((_, i) => i + 1).join(', ');
    const sql = `
      WITH r AS (
        SELECT ${keysOf('rollup', () => 'day')},
               sum(received)::int AS received, sum(closed)::int AS closed, sum(still_open)::int AS open,
               sum(reopened)::int AS reopened, sum(sla_met)::int AS sla_met, sum(sla_missed)::int AS sla_missed,
               sum(satisfaction_sum)::int AS satisfaction_sum,
               sum(satisfaction_responses)::int AS satisfaction_responses
        FROM ${rollupFor(filter, groupBy)} WHERE ${this.rollupConditions(filter, p)}
        GROUP BY ${groups}
        HAVING sum(received) <> 0 OR sum(closed) <> 0 OR sum(reopened) <> 0
            OR sum(satisfaction_responses) <> 0
      ), m AS (
        SELECT ${keysOf('fact', () => localDayOf('closed_at'))},
               percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM closed_at - opened_at) / 3600) AS median,
               percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM closed_at - opened_at) / 3600) AS p90
        FROM case_fact
        WHERE status = 'CLOSED' AND closed_at IS NOT NULL AND ${this.factConditions(filter, p, zone, 'closed_at')}
        GROUP BY ${groups}
      ), o AS (
        SELECT ${keysOf('fact', () => localDayOf('opened_at'))}, count(*)::int AS overdue
        FROM case_fact
        WHERE status <> 'CLOSED' AND due_at < now() AND ${this.factConditions(filter, p, zone, 'opened_at')}
        GROUP BY ${groups}
      )
      SELECT r.*, m.median, m.p90, COALESCE(o.overdue, 0) AS overdue
      FROM r LEFT JOIN m USING (${aliases.join(', ')}) LEFT JOIN o USING (${aliases.join(', ')})
      ORDER BY ${aliases.join(', ')}`;
    const rows = await this.dataSource.query<Record<string, unknown>[]>(sql, p.values);
    const keyOf = (row: Record<string, unknown>, alias: keyof CaseStatsKey) =>
      `k_${alias}` in row ? (row[`k_${alias}`] as string) : null;
    return rows.map((row) => {
      const slaMet = Number(row.sla_met);
      const slaMissed = Number(row.sla_missed);
      const responses = Number(row.satisfaction_responses);
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
        medianHoursToClose: row.median === null ? null : Number(row.median),
        p90HoursToClose: row.p90 === null ? null : Number(row.p90),
        slaMet,
        slaMissed,
        slaMetPercent: slaMet + slaMissed > 0 ? (100 * slaMet) / (slaMet + slaMissed) : null,
        overdueNow: Number(row.overdue),
        satisfactionAverage: responses > 0 ? Number(row.satisfaction_sum) / responses : null,
        satisfactionResponses: responses,
      };
    });
  }

  /**
   * Per day up to `filter.to`, how the backlog changed: cases received less cases closed, cases
   * becoming overdue less overdue cases closed. The backlog at the end of a day is their sum so far.
   */
  async backlogDeltas(filter: StatsFilter): Promise<BacklogDelta[]> {
    const p = new Params();
    const rows = await this.dataSource.query<{ day: string; open: number; overdue: number }[]>(
      `SELECT day::text AS day, sum(received - closed)::int AS open,
              sum(became_overdue - overdue_ended)::int AS overdue
       FROM ${rollupFor(filter, [])} WHERE ${this.rollupConditions({ ...filter, from: null }, p)}
       GROUP BY day ORDER BY day`,
      p.values,
    );
    return rows;
  }

  /** Cases received per local day of the week (0 = Sunday) and hour; cells without any are absent. */
  async demandByHour(filter: StatsFilter): Promise<DemandCount[]> {
    const p = new Params();
    const zone = p.once(this.config.ANALYTICS_TIME_ZONE);
    return this.dataSource.query<DemandCount[]>(
      `SELECT extract(dow FROM opened_at AT TIME ZONE ${zone()})::int AS "dayOfWeek",
              extract(hour FROM opened_at AT TIME ZONE ${zone()})::int AS hour,
              count(*)::int AS received
       FROM case_fact WHERE ${this.factConditions(filter, p, zone, 'opened_at')}
       GROUP BY 1, 2`,
      p.values,
    );
  }

  /**
   * The `top` cells of `metres` with the most cases received, busiest first, each with its three
   * most frequent services. Cells are built from the stored 100 m cell centres on the same grid
   * as `gridCellOf` (rows of latitude, columns of longitude measured at the row's centre).
   */
  async hotSpots(filter: StatsFilter, metres: number, top: number): Promise<HotSpotRow[]> {
    const p = new Params();
    const zone = p.once(this.config.ANALYTICS_TIME_ZONE);
    const m = p.add(metres);
    const perDegree = p.add(METRES_PER_DEGREE);
    const rows = await this.dataSource.query<
      { y: number; x: number; received: number; top: string[] }[]
    >(
      `WITH pts AS (
         SELECT floor(cell_latitude * ${perDegree}::float8 / ${m}::float8) AS y, cell_longitude, service_code
         FROM case_fact
         WHERE cell_latitude IS NOT NULL AND ${this.factConditions(filter, p, zone, 'opened_at')}
       ), q AS (
         SELECT pts.y, floor(cell_longitude * ${perDegree}::float8
                  * cos(radians((y + 0.5) * ${m}::float8 / ${perDegree}::float8)) / ${m}::float8) AS x,
                service_code
         FROM pts
       ), cells AS (
         SELECT y, x, count(*)::int AS received FROM q GROUP BY y, x
         ORDER BY received DESC, y, x LIMIT ${p.add(top)}
       ), services AS (
         SELECT y, x, service_code, count(*) AS n FROM q JOIN cells USING (y, x)
         GROUP BY y, x, service_code
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

  /** The filter on the daily rollup (its days are already local). */
  private rollupConditions(filter: StatsFilter, p: Params): string {
    const conditions = ['true'];
    if (filter.from) {
      conditions.push(`day >= ${p.add(filter.from)}::date`);
    }
    if (filter.to) {
      conditions.push(`day <= ${p.add(filter.to)}::date`);
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
  private factConditions(filter: StatsFilter, p: Params, zone: () => string, time: string): string {
    const conditions = ['opened_at IS NOT NULL', 'NOT duplicate'];
    if (filter.from) {
      conditions.push(`${time} >= (${p.add(filter.from)}::date::timestamp AT TIME ZONE ${zone()})`);
    }
    if (filter.to) {
      conditions.push(
        `${time} < ((${p.add(filter.to)}::date + 1)::timestamp AT TIME ZONE ${zone()})`,
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
