import { buildRecord, type ParsedRow } from '../record.js';
import { HeaderIndex, type ParserContext, type RowParser } from './row-parser.js';

/** Any CSV with a header row; the mapping's `columns` names the column of each field. */
export class GenericCsvParser implements RowParser {
  private header: HeaderIndex | null = null;

  constructor(private readonly ctx: ParserContext) {}

  parse(row: string[], rowNumber: number): ParsedRow {
    if (!this.header) {
      this.header = new HeaderIndex(row);
      return { kind: 'header' };
    }
    const c = this.ctx.mapping.columns ?? {};
    const get = (field: keyof NonNullable<typeof c>) => this.header!.get(row, c[field] ?? field);
    return buildRecord(
      {
        sourceId: get('sourceId') ?? '',
        openedAt: get('openedAt'),
        closedAt: get('closedAt'),
        status: get('status'),
        category: get('category'),
        description: get('description'),
        agency: get('agency'),
        district: get('district') ?? null,
        latitude: get('latitude'),
        longitude: get('longitude'),
        address: get('address'),
      },
      { ...this.ctx, rowNumber },
    );
  }
}
