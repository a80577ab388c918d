import { Injectable } from '@nestjs/common';
import type { Identity } from '@civitas/contracts';
import { AnalyticsConfig } from '../../../config/analytics.config.js';
import { StatsErrorCode, StatsException } from '../../stats.exception.js';
import { StatsInterval, type StatsDimension, type StatsFilter } from '../../stats-filter.js';
import {
  StatsReader,
  type CaseStatsRow,
  type DemandCount,
  type HotSpotRow,
} from '../../stats.reader.js';
import { scopeStatsFilter, type StatsFilterRequest } from './scope-stats-filter.js';

export interface BacklogPoint {
  /** First day of the period; null without an interval. */
  period: string | null;
  /** The day at whose end the backlog is counted. */
  endsOn: string;
  open: number;
  overdue: number;
}

/** The most periods one backlog answers (ten years of days). */
export const MAX_BACKLOG_PERIODS = 3660;
export const MIN_CELL_METRES = 100;
export const MAX_CELL_METRES = 20_000;
export const MAX_TOP_CELLS = 500;

interface Asked {
  filter?: StatsFilterRequest | null;
  actor: Identity;
}

/**
 * The figures for managers: each question's filter is checked and scoped to the caller first
 * (`scopeStatsFilter`), then answered from the rollup and the facts by `StatsReader`.
 */
@Injectable()
export class ReadStatsUseCase {
  constructor(
    private readonly reader: StatsReader,
    private readonly config: AnalyticsConfig,
  ) {}

  caseStats(
    asked: Asked & { groupBy?: StatsDimension[] | null; interval?: StatsInterval | null },
  ): Promise<CaseStatsRow[]> {
    const filter = scopeStatsFilter(asked.filter, asked.actor);
    return this.reader.caseStats(filter, asked.groupBy ?? [], asked.interval ?? null);
  }

  /**
   * Open and overdue cases at the end of each period from `from` (default: the first day with
   * cases) to `to` (default: today), or at the end of `to` alone without an interval.
   */
  async backlog(asked: Asked & { interval?: StatsInterval | null }): Promise<BacklogPoint[]> {
    const scoped = scopeStatsFilter(asked.filter, asked.actor);
    const today = new Intl.DateTimeFormat('en-CA', {
      timeZone: this.config.ANALYTICS_TIME_ZONE,
    }).format(new Date());
    const to = scoped.to ?? today;
    const filter: StatsFilter = { ...scoped, to };
    const deltas = await this.reader.backlogDeltas(filter);
    const ends: { period: string | null; endsOn: string }[] = asked.interval
      ? periodsOf(asked.interval, filter.from ?? deltas[0]?.day ?? to, to)
      : [{ period: null, endsOn: to }];
    let open = 0;
    let overdue = 0;
    let next = 0;
    return ends.map(({ period, endsOn }) => {
      while (next < deltas.length && deltas[next].day <= endsOn) {
        open += deltas[next].open;
        overdue += deltas[next].overdue;
        next += 1;
      }
      return { period, endsOn, open, overdue };
    });
  }

  /** All 7 x 24 cells, Sunday (0) to Saturday (6), hour 0 to 23, in the jurisdiction's zone. */
  async demandByHour(asked: Asked): Promise<DemandCount[]> {
    const filter = scopeStatsFilter(asked.filter, asked.actor);
    const counted = await this.reader.demandByHour(filter);
    const byCell = new Map(counted.map((c) => [c.dayOfWeek * 24 + c.hour, c.received]));
    return Array.from({ length: 7 * 24 }, (_, i) => ({
      dayOfWeek: Math.floor(i / 24),
      hour: i % 24,
      received: byCell.get(i) ?? 0,
    }));
  }

  hotSpots(asked: Asked & { cellMeters: number; top: number }): Promise<HotSpotRow[]> {
    const filter = scopeStatsFilter(asked.filter, asked.actor);
    if (asked.cellMeters < MIN_CELL_METRES || asked.cellMeters > MAX_CELL_METRES) {
      throw StatsException.aboutField(
        StatsErrorCode.InvalidInput,
        'cellMeters',
        `must be between ${MIN_CELL_METRES} (the grid locations are kept on) and ${MAX_CELL_METRES}`,
      );
    }
    if (asked.top < 1 || asked.top > MAX_TOP_CELLS) {
      throw StatsException.aboutField(
        StatsErrorCode.InvalidInput,
        'top',
        `must be between 1 and ${MAX_TOP_CELLS}`,
      );
    }
    return this.reader.hotSpots(filter, asked.cellMeters, asked.top);
  }
}

/** The periods holding `from` to `to` (local days, `YYYY-MM-DD`), each with its last day. */
export function periodsOf(
  interval: StatsInterval,
  from: string,
  to: string,
): { period: string; endsOn: string }[] {
  const periods: { period: string; endsOn: string }[] = [];
  let start = startOf(interval, new Date(`${from}T00:00:00.000Z`));
  const last = new Date(`${to}T00:00:00.000Z`);
  while (start <= last) {
    if (periods.length >= MAX_BACKLOG_PERIODS) {
      throw StatsException.aboutField(
        StatsErrorCode.InvalidInput,
        'from',
        `spans more than ${MAX_BACKLOG_PERIODS} periods; choose a later day or a longer interval`,
      );
    }
    const next = following(interval, start);
    const end = new Date(Math.min(next.getTime() - 86_400_000, last.getTime()));
    periods.push({ period: isoDay(start), endsOn: isoDay(end) });
    start = next;
  }
  return periods;
}

function startOf(interval: StatsInterval, day: Date): Date {
  switch (interval) {
    case StatsInterval.DAY:
      return day;
    case StatsInterval.WEEK:
      // Weeks start on Monday, as Postgres' date_trunc('week') has them.
      return new Date(day.getTime() - ((day.getUTCDay() + 6) % 7) * 86_400_000);
    case StatsInterval.MONTH:
      return new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), 1));
  }
}

function following(interval: StatsInterval, start: Date): Date {
  switch (interval) {
    case StatsInterval.DAY:
      return new Date(start.getTime() + 86_400_000);
    case StatsInterval.WEEK:
      return new Date(start.getTime() + 7 * 86_400_000);
    case StatsInterval.MONTH:
      return new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
  }
}

function isoDay(day: Date): string {
  return day.toISOString().slice(0, 10);
}
