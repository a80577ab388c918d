import { CaseStatus, controlCharacterProblem, stripControlCharacters } from '@civitas/contracts';
import type { CategoryMapper, ImportMapping } from './mapping.js';
import { parseLegacyDate } from './dates.js';

/** One record as sent to `importLegacyRecords`. */
export interface LegacyRecord {
  rowNumber: number;
  sourceId: string;
  serviceCode: string;
  category?: string;
  description?: string;
  openedAt: string;
  status: CaseStatus;
  closedAt?: string;
  agency?: string;
  district?: string;
  location?: { latitude?: number; longitude?: number; address?: string };
}

export interface Rejection {
  file: string;
  rowNumber: number;
  sourceId?: string;
  field: string;
  reason: string;
}

export type ParsedRow =
  | { kind: 'record'; record: LegacyRecord; unmappedCategory?: string }
  | { kind: 'rejected'; rejection: Rejection }
  | { kind: 'header' };

/** The fields every format extracts from a row, as text, before checking. */
export interface RawFields {
  sourceId: string;
  openedAt?: string;
  closedAt?: string;
  status?: string;
  category?: string;
  description?: string;
  agency?: string;
  district?: string | null;
  latitude?: string | number | null;
  longitude?: string | number | null;
  address?: string;
}

export interface RowContext {
  file: string;
  rowNumber: number;
  mapping: ImportMapping;
  mapper: CategoryMapper;
}

const clip = (s: string | undefined, max: number): string | undefined => {
  const t = s?.replace(/_x000D_/g, '').trim();
  return t ? t.slice(0, max) : undefined;
};

function coordinate(value: string | number | null | undefined, limit: number): number | undefined {
  if (value === null || value === undefined || value === '') {
    return undefined;
  }
  const n = typeof value === 'number' ? value : Number(String(value).trim());
  // 0,0 is what many exports write for "no coordinates".
  return Number.isFinite(n) && Math.abs(n) <= limit && n !== 0 ? n : undefined;
}

/**
 * Turns extracted text into a record, or a rejection naming the field: a control character in any
 * field, no id, an unreadable or missing creation date, a closure before the creation, an unknown status. Junk in optional
 * fields (coordinates off the globe, empty districts) is dropped, not rejected.
 */
export function buildRecord(raw: RawFields, ctx: RowContext): ParsedRow {
  const reject = (field: string, reason: string): ParsedRow => ({
    kind: 'rejected',
    rejection: {
      file: ctx.file,
      rowNumber: ctx.rowNumber,
      sourceId: stripControlCharacters(raw.sourceId) || undefined,
      field,
      reason,
    },
  });
  // NUL and the other C0 controls but tab and line breaks (docs/adr/0043): the row is refused, not
  // stored mangled; the reason names the character, not the text.
  for (const [field, value] of Object.entries(raw)) {
    const problem = typeof value === 'string' ? controlCharacterProblem(value) : null;
    if (problem) {
      return reject(field, problem);
    }
  }
  const sourceId = raw.sourceId.trim();
  if (!sourceId) {
    return reject('sourceId', 'is empty');
  }
  if (sourceId.length > 200) {
    return reject('sourceId', 'is longer than 200 characters');
  }
  const tz = ctx.mapping.timeZone;
  const openedAt = parseLegacyDate(raw.openedAt, tz);
  if (!openedAt) {
    return reject(
      'openedAt',
      raw.openedAt?.trim() ? `"${raw.openedAt.trim().slice(0, 40)}" is not a date` : 'is empty',
    );
  }
  const status = ctx.mapper.status(raw.status);
  if (!status) {
    return reject('status', `"${raw.status}" is not in the mapping's statuses`);
  }
  let closedAt: Date | null = null;
  if (status === CaseStatus.CLOSED && raw.closedAt?.trim()) {
    closedAt = parseLegacyDate(raw.closedAt, tz);
    if (!closedAt) {
      return reject('closedAt', `"${raw.closedAt.trim().slice(0, 40)}" is not a date`);
    }
    if (closedAt.getTime() < openedAt.getTime()) {
      return reject(
        'closedAt',
        `closed ${closedAt.toISOString()} before it was created ${openedAt.toISOString()}`,
      );
    }
  }
  const category = clip(raw.category, 300);
  const { serviceCode, mapped } = ctx.mapper.service(category);
  const latitude = coordinate(raw.latitude, 90);
  const longitude = coordinate(raw.longitude, 180);
  const address = clip(raw.address, 500);
  const hasPair = latitude !== undefined && longitude !== undefined;
  const location =
    hasPair || address
      ? { ...(hasPair ? { latitude, longitude } : {}), ...(address ? { address } : {}) }
      : undefined;
  const record: LegacyRecord = {
    rowNumber: ctx.rowNumber,
    sourceId,
    serviceCode,
    ...(category ? { category } : {}),
    ...(clip(raw.description, 4000) ? { description: clip(raw.description, 4000) } : {}),
    openedAt: openedAt.toISOString(),
    status,
    ...(closedAt ? { closedAt: closedAt.toISOString() } : {}),
    ...(clip(raw.agency, 200) ? { agency: clip(raw.agency, 200) } : {}),
    ...(raw.district && clip(raw.district, 200) ? { district: clip(raw.district, 200) } : {}),
    ...(location ? { location } : {}),
  };
  return { kind: 'record', record, ...(mapped || !category ? {} : { unmappedCategory: category }) };
}
