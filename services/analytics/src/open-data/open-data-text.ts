import { csvLine } from '../stats/index.js';
import { OPEN_DATA_COLUMNS, type OpenDataValue } from './open-data-columns.js';

export type OpenDataFormat = 'csv' | 'json';

/** Every format a file is offered in, live and as a monthly snapshot. */
export const OPEN_DATA_FORMATS: readonly OpenDataFormat[] = ['csv', 'json'];

export const OPEN_DATA_CONTENT_TYPES: Record<OpenDataFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
};

/**
 * Writes rows as the text of one format, a batch at a time: CSV with its header row (the
 * columns' names), or a JSON array of objects keyed by the same names.
 */
export class OpenDataText {
  private first = true;

  constructor(private readonly format: OpenDataFormat) {}

  head(): string {
    return this.format === 'csv' ? csvLine(OPEN_DATA_COLUMNS.map((c) => c.name)) : '[';
  }

  rows(batch: readonly (readonly OpenDataValue[])[]): string {
    let text = '';
    for (const row of batch) {
      text += this.format === 'csv' ? csvLine(row) : `${this.first ? '' : ','}\n${jsonRow(row)}`;
      this.first = false;
    }
    return text;
  }

  tail(): string {
    if (this.format === 'csv') {
      return '';
    }
    return this.first ? ']\n' : '\n]\n';
  }
}

function jsonRow(row: readonly OpenDataValue[]): string {
  return JSON.stringify(Object.fromEntries(OPEN_DATA_COLUMNS.map((c, i) => [c.name, row[i]])));
}
