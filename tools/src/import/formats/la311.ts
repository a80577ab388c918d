import { buildRecord, type ParsedRow } from '../record.js';
import { HeaderIndex, type ParserContext, type RowParser } from './row-parser.js';

/**
 * Los Angeles MyLA311: the 2017 export (`SRNumber`, `CreatedDate` as `12/31/2017 11:59:58 PM`) and
 * the 2020 seed (lowercase `srnumber`, `1/1/20 0:05`): header names are matched case-insensitively.
 */
export class La311Parser implements RowParser {
  private header: HeaderIndex | null = null;

  constructor(private readonly ctx: ParserContext) {}

  parse(row: string[], rowNumber: number): ParsedRow {
    if (!this.header) {
      this.header = new HeaderIndex(row);
      return { kind: 'header' };
    }
    const h = this.header;
    const cd = h.get(row, 'CD')?.trim();
    return buildRecord(
      {
        sourceId: h.get(row, 'SRNumber') ?? '',
        openedAt: h.get(row, 'CreatedDate'),
        closedAt: h.get(row, 'ClosedDate'),
        status: h.get(row, 'Status'),
        category: h.get(row, 'RequestType'),
        description: h.get(row, 'ActionTaken'),
        agency: h.get(row, 'Owner'),
        district: cd && /^\d{1,2}$/.test(cd) ? `Council District ${Number(cd)}` : null,
        latitude: h.get(row, 'Latitude'),
        longitude: h.get(row, 'Longitude'),
        address: h.get(row, 'Address'),
      },
      { ...this.ctx, rowNumber },
    );
  }
}
