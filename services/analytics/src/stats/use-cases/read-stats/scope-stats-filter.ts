import type { Identity } from '@civitas/contracts';
import { departmentsVisibleTo } from '../../../case-facts/index.js';
import { StatsErrorCode, StatsException } from '../../stats.exception.js';
import type { StatsFilter } from '../../stats-filter.js';

/** What a caller asks for, as the transport received it. */
export interface StatsFilterRequest {
  from?: string | null;
  to?: string | null;
  departmentCodes?: string[] | null;
  serviceCodes?: string[] | null;
  districtCodes?: string[] | null;
  channels?: string[] | null;
  priorities?: string[] | null;
  includeHistory?: boolean | null;
}

/**
 * The filter a caller may have: analysts and admins ask about anything; a supervisor only about
 * their departments (no list means all of theirs; another department is refused, naming the
 * field). Dates must be real `YYYY-MM-DD` days with `from` not after `to`.
 */
export function scopeStatsFilter(
  request: StatsFilterRequest | null | undefined,
  actor: Identity,
): StatsFilter {
  const given = request ?? {};
  const from = day(given.from, 'from');
  const to = day(given.to, 'to');
  if (from && to && from > to) {
    throw StatsException.aboutField(StatsErrorCode.InvalidInput, 'to', `is before from (${from})`);
  }
  let departmentCodes = list(given.departmentCodes);
  const own = departmentsVisibleTo(actor);
  if (own !== null) {
    const others = (departmentCodes ?? []).filter((code) => !own.includes(code));
    if (others.length > 0) {
      throw StatsException.aboutField(
        StatsErrorCode.OutsideDepartments,
        'departmentCodes',
        `names ${others.join(', ')}, not among your departments (${own.join(', ') || 'none'})`,
      );
    }
    departmentCodes = departmentCodes ?? own;
  }
  return {
    from,
    to,
    departmentCodes,
    serviceCodes: list(given.serviceCodes),
    districtCodes: list(given.districtCodes),
    channels: list(given.channels),
    priorities: list(given.priorities),
    includeHistory: given.includeHistory ?? true,
  };
}

function list(values: string[] | null | undefined): string[] | null {
  return values && values.length > 0 ? [...new Set(values)] : null;
}

function day(value: string | null | undefined, field: string): string | null {
  if (value === null || value === undefined) {
    return null;
  }
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const parsed = match ? new Date(`${value}T00:00:00.000Z`) : null;
  if (!parsed || Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== value) {
    throw StatsException.aboutField(
      StatsErrorCode.InvalidInput,
      field,
      'must be a day written YYYY-MM-DD',
    );
  }
  return value;
}
