import { buildRecord, type ParsedRow } from '../record.js';
import type { ParserContext, RowParser } from './row-parser.js';

interface Open311Request {
  service_request_id?: unknown;
  status?: unknown;
  service_name?: unknown;
  service_code?: unknown;
  description?: unknown;
  agency_responsible?: unknown;
  requested_datetime?: unknown;
  updated_datetime?: unknown;
  address?: unknown;
  lat?: unknown;
  long?: unknown;
  extended_attributes?: { ward?: unknown; closed_datetime?: unknown };
  notes?: { type?: unknown; datetime?: unknown }[];
}

const text = (v: unknown): string | undefined =>
  typeof v === 'string' || typeof v === 'number' ? String(v) : undefined;

/**
 * GeoReport v2 request objects (a JSON array, or one object per line), with or without
 * `extensions=true`. Open311 has no closing time: a closed request takes its last `closed` note,
 * else `extended_attributes.closed_datetime`, else `updated_datetime`.
 */
export class Open311JsonParser implements RowParser {
  constructor(private readonly ctx: ParserContext) {}

  parse(row: Record<string, unknown>, rowNumber: number): ParsedRow {
    const r = row as Open311Request;
    const closedNote = Array.isArray(r.notes)
      ? [...r.notes].reverse().find((n) => n?.type === 'closed')
      : undefined;
    const ward = text(r.extended_attributes?.ward);
    return buildRecord(
      {
        sourceId: text(r.service_request_id) ?? '',
        openedAt: text(r.requested_datetime),
        closedAt:
          text(closedNote?.datetime) ??
          text(r.extended_attributes?.closed_datetime) ??
          text(r.updated_datetime),
        status: text(r.status),
        category: text(r.service_name) ?? text(r.service_code),
        description: text(r.description),
        agency: text(r.agency_responsible),
        district: ward ? `Ward ${ward}` : null,
        latitude: text(r.lat),
        longitude: text(r.long),
        address: text(r.address),
      },
      { ...this.ctx, rowNumber },
    );
  }
}
