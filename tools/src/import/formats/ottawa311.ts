import { parseLegacyDate } from '../dates.js';
import { buildRecord, type ParsedRow } from '../record.js';
import { StableIdDeriver } from '../stable-id.js';
import type { ParserContext, RowParser } from './row-parser.js';

/** `Ward 2`, `WARD 2`, `hWard 2`, ```` ```WARD 2 ````, `11` → `Ward 2`/`Ward 11`; `Undetermined` and blanks → none. */
export function ottawaWard(value: string | undefined): string | null {
  const v = (value ?? '').trim();
  const m = /ward\s*(\d{1,2})\b/i.exec(v) ?? /^(\d{1,2})$/.exec(v);
  return m ? `Ward ${Number(m[1])}` : null;
}

/**
 * City of Ottawa 2014: `creation_date, ward, call_description, call_type, maintenance_yard,
 * priority_name`, where the names are shifted against the content: call_description holds the
 * request type, call_type the service area (used as the agency), priority_name the channel, and
 * maintenance_yard the yard or sometimes a priority. Dates come as `2014-Jan-14 13:48:01` or
 * `4/15/2014 19:49`. No id and no status: ids are derived (stable-id.ts), status is the mapping's
 * default, and the header row is recognised wherever it appears.
 */
export class Ottawa311Parser implements RowParser {
  private readonly ids = new StableIdDeriver('');

  constructor(private readonly ctx: ParserContext) {}

  parse(row: string[], rowNumber: number): ParsedRow {
    const cells = row.map((c) => c.replace(/_x000D_/g, '').trim());
    if (cells[0]?.toLowerCase() === 'creation_date') {
      return { kind: 'header' };
    }
    const [created = '', wardText, requestType = '', serviceArea = '', yard = '', channel = ''] =
      cells;
    const ward = ottawaWard(wardText);
    const opened = parseLegacyDate(created, this.ctx.mapping.timeZone);
    // Normalised so the same request reads the same in every file: instant, ward, type, area, yard, channel.
    const sourceId = this.ids.next([
      opened ? opened.toISOString() : created,
      ward ?? '',
      requestType,
      serviceArea,
      yard,
      channel,
    ]);
    return buildRecord(
      {
        sourceId,
        openedAt: created,
        category: [serviceArea, requestType].filter(Boolean).join(' / '),
        description: requestType || undefined,
        agency: serviceArea || undefined,
        district: ward,
      },
      { ...this.ctx, rowNumber },
    );
  }
}
