import { buildRecord, type ParsedRow } from '../record.js';
import { HeaderIndex, type ParserContext, type RowParser } from './row-parser.js';

const BOROUGHS = ['BRONX', 'BROOKLYN', 'MANHATTAN', 'QUEENS', 'STATEN ISLAND'];

/** The borough, from `BROOKLYN` or a community board such as `05 MANHATTAN`; junk gives none. */
export function nycBorough(value: string | undefined): string | null {
  const v = (value ?? '').trim().toUpperCase();
  return BOROUGHS.find((b) => v === b || v.endsWith(` ${b}`)) ?? null;
}

/** Columns of the header-less NYC extract (Gozzi98 subset). */
const HEADERLESS = ['Unique Key', 'Created Date', 'Closed Date', 'Complaint Type', 'Borough'];

/**
 * NYC 311 open data: the full 41-column export with its header, or the 5-column extract with no
 * header row at all (recognised by a numeric first cell). The header-less extract has no status:
 * a row with a closed date is CLOSED, otherwise the mapping's default.
 */
export class Nyc311Parser implements RowParser {
  private header: HeaderIndex | null = null;
  private headerless = false;

  constructor(private readonly ctx: ParserContext) {}

  parse(row: string[], rowNumber: number): ParsedRow {
    if (!this.header) {
      this.headerless = /^\d+$/.test((row[0] ?? '').trim());
      this.header = new HeaderIndex(this.headerless ? HEADERLESS : row);
      if (!this.headerless) {
        return { kind: 'header' };
      }
    }
    const h = this.header;
    const closed = h.get(row, 'Closed Date');
    const status = this.headerless ? (closed?.trim() ? 'Closed' : undefined) : h.get(row, 'Status');
    const complaint = h.get(row, 'Complaint Type')?.trim();
    const descriptor = h.get(row, 'Descriptor')?.trim();
    const resolution = h.get(row, 'Resolution Description')?.trim();
    return buildRecord(
      {
        sourceId: h.get(row, 'Unique Key') ?? '',
        openedAt: h.get(row, 'Created Date'),
        closedAt: closed,
        status,
        category: complaint,
        description: [descriptor, resolution].filter(Boolean).join(' — ') || undefined,
        agency: h.get(row, 'Agency'),
        district: nycBorough(h.get(row, 'Borough')),
        latitude: h.get(row, 'Latitude'),
        longitude: h.get(row, 'Longitude'),
        address: h.get(row, 'Incident Address'),
      },
      { ...this.ctx, rowNumber },
    );
  }
}
