import type { ImportMapping, CategoryMapper } from '../mapping.js';
import type { ParsedRow } from '../record.js';

/** Reads one file's rows (CSV cells, or one JSON object for open311-json) into records. */
export interface RowParser {
  parse(row: string[] | Record<string, unknown>, rowNumber: number): ParsedRow;
}

export interface ParserContext {
  /** The file's base name, as reported in rejections. */
  file: string;
  mapping: ImportMapping;
  mapper: CategoryMapper;
}

/** Looks cells up by header name, case- and space-insensitively. */
export class HeaderIndex {
  private readonly index = new Map<string, number>();

  constructor(header: readonly string[]) {
    header.forEach((name, i) => this.index.set(HeaderIndex.key(name), i));
  }

  static key(name: string): string {
    return name
      .replace(/^\uFEFF/, '')
      .replace(/[\s_]+/g, '')
      .toLowerCase();
  }

  has(name: string): boolean {
    return this.index.has(HeaderIndex.key(name));
  }

  get(cells: readonly string[], ...names: string[]): string | undefined {
    for (const name of names) {
      const i = this.index.get(HeaderIndex.key(name));
      if (i !== undefined) {
        return cells[i];
      }
    }
    return undefined;
  }
}
