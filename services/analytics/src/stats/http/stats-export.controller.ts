import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { CurrentIdentity, Roles } from '@civitas/auth';
import { Channel, Priority, Role, type Identity } from '@civitas/contracts';
import { writeChunk } from '@civitas/service-kit';
import { StatsErrorCode, StatsException } from '../stats.exception.js';
import { StatsDimension, StatsInterval } from '../stats-filter.js';
import { ReadStatsUseCase } from '../use-cases/read-stats/read-stats.use-case.js';
import type { StatsFilterRequest } from '../use-cases/read-stats/scope-stats-filter.js';
import { csvLine } from './csv.js';

type Cell = string | number | boolean | null;
type QueryParams = Record<string, unknown>;

/** Each export: its own parameters (beside the filter's), its header row and its rows. */
const EXPORTS: Record<
  string,
  {
    parameters: string[];
    header: string[];
    rows: (
      stats: ReadStatsUseCase,
      filter: StatsFilterRequest,
      q: QueryParams,
      actor: Identity,
    ) => Promise<Cell[][]>;
  }
> = {
  caseStats: {
    parameters: ['groupBy', 'interval'],
    header: [
      'department',
      'service',
      'district',
      'channel',
      'priority',
      'period',
      'received',
      'closed',
      'open',
      'reopened',
      'medianHoursToClose',
      'p90HoursToClose',
      'slaMet',
      'slaMissed',
      'slaMetPercent',
      'overdueNow',
      'satisfactionAverage',
      'satisfactionResponses',
      'escalated',
    ],
    rows: async (stats, filter, q, actor) =>
      (
        await stats.caseStats({
          filter,
          actor,
          groupBy: enumList(q, 'groupBy', StatsDimension),
          interval: enumValue(q, 'interval', StatsInterval),
        })
      ).map((r) => [
        r.key.department,
        r.key.service,
        r.key.district,
        r.key.channel,
        r.key.priority,
        r.key.period,
        r.received,
        r.closed,
        r.open,
        r.reopened,
        r.medianHoursToClose,
        r.p90HoursToClose,
        r.slaMet,
        r.slaMissed,
        r.slaMetPercent,
        r.overdueNow,
        r.satisfactionAverage,
        r.satisfactionResponses,
        r.escalated,
      ]),
  },
  backlog: {
    parameters: ['interval'],
    header: ['period', 'endsOn', 'open', 'overdue'],
    rows: async (stats, filter, q, actor) =>
      (
        await stats.backlog({ filter, actor, interval: enumValue(q, 'interval', StatsInterval) })
      ).map((b) => [b.period, b.endsOn, b.open, b.overdue]),
  },
  demandByHour: {
    parameters: [],
    header: ['dayOfWeek', 'hour', 'received'],
    rows: async (stats, filter, _q, actor) =>
      (await stats.demandByHour({ filter, actor })).map((c) => [c.dayOfWeek, c.hour, c.received]),
  },
  hotSpots: {
    parameters: ['cellMeters', 'top'],
    header: ['latitude', 'longitude', 'received', 'topServices'],
    rows: async (stats, filter, q, actor) =>
      (
        await stats.hotSpots({
          filter,
          actor,
          cellMeters: integer(q, 'cellMeters') ?? 250,
          top: integer(q, 'top') ?? 20,
        })
      ).map((h) => [h.latitude, h.longitude, h.received, h.topServices.join(' ')]),
  },
};

const FILTER_LISTS = ['departmentCodes', 'serviceCodes', 'districtCodes'] as const;
const FILTER_PARAMETERS = [
  'from',
  'to',
  ...FILTER_LISTS,
  'channels',
  'priorities',
  'includeHistory',
];

/**
 * `GET /analytics/export/<query>.csv` through the gateway's streamed downloads (docs/adr/0057):
 * the figures of `caseStats`, `backlog`, `demandByHour` and `hotSpots` as UTF-8 CSV with a header
 * row, the filter's fields as query parameters (lists repeated or comma-separated), the same
 * roles and department scope as the GraphQL queries (docs/adr/0056).
 */
@Controller('rest/analytics/export')
export class StatsExportController {
  constructor(private readonly stats: ReadStatsUseCase) {}

  @Roles(Role.Analyst, Role.Admin, Role.Supervisor)
  @Get(':file')
  async export(
    @Param('file') file: string,
    @Query() query: QueryParams,
    @CurrentIdentity() actor: Identity,
    @Res() res: Response,
  ): Promise<void> {
    const name = /^([A-Za-z]+)\.csv$/.exec(file)?.[1];
    const spec = name && Object.hasOwn(EXPORTS, name) ? EXPORTS[name] : undefined;
    if (!name || !spec) {
      throw new StatsException(
        StatsErrorCode.UnknownExport,
        `No export ${file}; there are ${Object.keys(EXPORTS)
          .map((n) => `${n}.csv`)
          .join(', ')}`,
      );
    }
    const unknown = Object.keys(query).filter(
      (k) => !FILTER_PARAMETERS.includes(k) && !spec.parameters.includes(k),
    );
    if (unknown.length > 0) {
      throw StatsException.aboutField(
        StatsErrorCode.InvalidInput,
        unknown[0],
        `is not a parameter of ${file} (it takes ${[...FILTER_PARAMETERS, ...spec.parameters].join(', ')})`,
      );
    }
    // Everything is checked and computed before the first byte: a refusal is still a clean error.
    const rows = await spec.rows(this.stats, filterOf(query), query, actor);
    res.status(200);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="${name}.csv"`);
    res.setHeader('Cache-Control', 'no-store');
    // Rows go out in pieces of about 64 KiB: few writes, and memory bounded by the client's pace.
    let pending = csvLine(spec.header);
    for (const row of rows) {
      pending += csvLine(row);
      if (pending.length >= 65_536) {
        await writeChunk(res, pending);
        pending = '';
      }
    }
    res.end(pending, 'utf8');
  }
}

function filterOf(q: QueryParams): StatsFilterRequest {
  const includeHistory = text(q, 'includeHistory');
  if (includeHistory !== null && includeHistory !== 'true' && includeHistory !== 'false') {
    throw StatsException.aboutField(
      StatsErrorCode.InvalidInput,
      'includeHistory',
      'must be true or false',
    );
  }
  return {
    from: text(q, 'from'),
    to: text(q, 'to'),
    departmentCodes: list(q, 'departmentCodes'),
    serviceCodes: list(q, 'serviceCodes'),
    districtCodes: list(q, 'districtCodes'),
    channels: enumList(q, 'channels', Channel),
    priorities: enumList(q, 'priorities', Priority),
    includeHistory: includeHistory === null ? null : includeHistory === 'true',
  };
}

function text(q: QueryParams, field: string): string | null {
  const value = q[field];
  if (value === undefined) {
    return null;
  }
  if (typeof value !== 'string') {
    throw StatsException.aboutField(StatsErrorCode.InvalidInput, field, 'must be given once');
  }
  return value;
}

function list(q: QueryParams, field: string): string[] | null {
  const value = q[field];
  if (value === undefined) {
    return null;
  }
  const values = (Array.isArray(value) ? value : [value]).flatMap((v: unknown) =>
    typeof v === 'string' ? v.split(',') : [null],
  );
  if (values.some((v) => v === null)) {
    throw StatsException.aboutField(StatsErrorCode.InvalidInput, field, 'must be a list of codes');
  }
  return (values as string[]).map((v) => v.trim()).filter((v) => v.length > 0);
}

function enumList<E extends string>(
  q: QueryParams,
  field: string,
  values: Record<string, E>,
): E[] | null {
  const given = list(q, field);
  const allowed = Object.values(values);
  const wrong = (given ?? []).filter((v) => !(allowed as string[]).includes(v));
  if (wrong.length > 0) {
    throw StatsException.aboutField(
      StatsErrorCode.InvalidInput,
      field,
      `has ${wrong.join(', ')}; each must be one of ${allowed.join(', ')}`,
    );
  }
  return given as E[] | null;
}

function enumValue<E extends string>(
  q: QueryParams,
  field: string,
  values: Record<string, E>,
): E | null {
  const given = text(q, field);
  if (given !== null && !(Object.values(values) as string[]).includes(given)) {
    throw StatsException.aboutField(
      StatsErrorCode.InvalidInput,
      field,
      `must be one of ${Object.values(values).join(', ')}`,
    );
  }
  return given as E | null;
}

function integer(q: QueryParams, field: string): number | null {
  const given = text(q, field);
  if (given === null) {
    return null;
  }
  if (!/^\d{1,6}$/.test(given)) {
    throw StatsException.aboutField(StatsErrorCode.InvalidInput, field, 'must be a whole number');
  }
  return Number(given);
}
