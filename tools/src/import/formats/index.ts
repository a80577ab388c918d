import type { FormatName } from '../mapping.js';
import { GenericCsvParser } from './generic-csv.js';
import { La311Parser } from './la311.js';
import { Nyc311Parser } from './nyc311.js';
import { Open311JsonParser } from './open311-json.js';
import { Ottawa311Parser } from './ottawa311.js';
import type { ParserContext, RowParser } from './row-parser.js';

export type { ParserContext, RowParser } from './row-parser.js';

/** A fresh parser per file: header detection and derived ids are per file. */
export function createRowParser(format: FormatName, ctx: ParserContext): RowParser {
  switch (format) {
    case 'nyc311':
      return new Nyc311Parser(ctx) as RowParser;
    case 'la311':
      return new La311Parser(ctx) as RowParser;
    case 'ottawa311':
      return new Ottawa311Parser(ctx) as RowParser;
    case 'open311-json':
      return new Open311JsonParser(ctx) as RowParser;
    case 'csv':
      return new GenericCsvParser(ctx) as RowParser;
  }
}
