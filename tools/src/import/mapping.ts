import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CaseStatus } from '@civitas/contracts';
import { isValidTimeZone } from './dates.js';

export const FORMATS = ['nyc311', 'la311', 'ottawa311', 'open311-json', 'csv'] as const;
export type FormatName = (typeof FORMATS)[number];

export const FALLBACK_SERVICE = 'general-inquiry';

/** Column names for the generic `csv` format (defaults: the field names themselves). */
export interface CsvColumns {
  sourceId?: string;
  openedAt?: string;
  closedAt?: string;
  status?: string;
  category?: string;
  description?: string;
  agency?: string;
  district?: string;
  latitude?: string;
  longitude?: string;
  address?: string;
}

/** A mapping file (JSON): how one source's categories and statuses land in Civitas. */
export interface ImportMapping {
  /** With each record's source id, what makes a re-import a no-op. */
  sourceSystem: string;
  /** IANA zone of the export's wall-clock times (those without an offset). */
  timeZone: string;
  /** Source category → catalog service code. Looked up exactly, then case-insensitively, then by the part before " / ". */
  categories: Record<string, string>;
  /** Source status → CLOSED, OPEN, IN_PROGRESS, ON_HOLD or NEW (case-insensitive). */
  statuses: Record<string, CaseStatus>;
  /** Status for rows whose export has no status column (Ottawa 2014: all historical). */
  defaultStatus: CaseStatus;
  columns?: CsvColumns;
}

export class MappingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MappingError';
  }
}

/** Checks a parsed mapping file, naming the first bad field. */
export function validateMapping(raw: unknown, origin: string): ImportMapping {
  const fail = (field: string, reason: string): never => {
    throw new MappingError(`${origin}: ${field} ${reason}`);
  };
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    fail('(top level)', 'must be a JSON object');
  }
  const m = raw as Record<string, unknown>;
  if (typeof m.sourceSystem !== 'string' || !/^[a-z0-9][a-z0-9._-]{0,99}$/.test(m.sourceSystem)) {
    fail('sourceSystem', 'must be lowercase letters, digits, . _ - (at most 100)');
  }
  if (typeof m.timeZone !== 'string' || !isValidTimeZone(m.timeZone)) {
    fail('timeZone', 'must be an IANA time zone such as America/New_York');
  }
  const statuses = Object.values(CaseStatus) as string[];
  for (const key of ['categories', 'statuses'] as const) {
    const value = m[key];
    if (!value || typeof value !== 'object' || Array.isArray(value)) {
      fail(key, 'must be an object of strings');
    }
    for (const [k, v] of Object.entries(value as object)) {
      if (typeof v !== 'string' || !v) {
        fail(`${key}["${k}"]`, 'must be a non-empty string');
      }
      if (key === 'statuses' && !statuses.includes(v as string)) {
        fail(`statuses["${k}"]`, `must be one of ${statuses.join(', ')}`);
      }
    }
  }
  if (typeof m.defaultStatus !== 'string' || !statuses.includes(m.defaultStatus)) {
    fail('defaultStatus', `must be one of ${statuses.join(', ')}`);
  }
  return raw as ImportMapping;
}

export function loadMappingFile(path: string): ImportMapping {
  if (!existsSync(path)) {
    throw new MappingError(`${path}: no such mapping file`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new MappingError(`${path}: not valid JSON (${(error as Error).message})`);
  }
  return validateMapping(raw, path);
}

/** The mapping shipped in tools/mappings/<format>.json. */
export function defaultMappingPath(rootDir: string, format: FormatName): string {
  return join(rootDir, 'tools', 'mappings', `${format}.json`);
}

export interface MappedCategory {
  serviceCode: string;
  mapped: boolean;
}

/** Maps source categories to service codes; what does not map goes to general-inquiry. */
export class CategoryMapper {
  private readonly lower: Map<string, string>;
  private readonly statusLower: Map<string, CaseStatus>;

  constructor(private readonly mapping: ImportMapping) {
    this.lower = new Map(
      Object.entries(mapping.categories).map(([k, v]) => [k.trim().toLowerCase(), v]),
    );
    this.statusLower = new Map(
      Object.entries(mapping.statuses).map(([k, v]) => [k.trim().toLowerCase(), v]),
    );
  }

  service(category: string | undefined): MappedCategory {
    const c = (category ?? '').trim();
    if (!c) {
      return { serviceCode: FALLBACK_SERVICE, mapped: false };
    }
    const direct = this.mapping.categories[c] ?? this.lower.get(c.toLowerCase());
    const group = c.includes(' / ')
      ? this.lower.get(c.slice(0, c.indexOf(' / ')).trim().toLowerCase())
      : undefined;
    const code = direct ?? group;
    return code
      ? { serviceCode: code, mapped: true }
      : { serviceCode: FALLBACK_SERVICE, mapped: false };
  }

  /** Null for a status the mapping does not know (the row is rejected, naming it). */
  status(sourceStatus: string | undefined): CaseStatus | null {
    const s = (sourceStatus ?? '').trim();
    if (!s) {
      return this.mapping.defaultStatus;
    }
    return (
      (this.mapping.statuses[s] as CaseStatus | undefined) ??
      this.statusLower.get(s.toLowerCase()) ??
      null
    );
  }
}
