import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';

export interface SourceRow<T> {
  row: T;
  /** Line in the file where the row ends (1-based), what an editor shows. */
  rowNumber: number;
}

/** Streams CSV rows as arrays of cells; ragged rows, BOMs and quoted newlines are fine. */
export async function* readCsvRows(
  path: string,
  onBytes: (n: number) => void,
): AsyncGenerator<SourceRow<string[]>> {
  const input = createReadStream(path);
  input.on('data', (chunk) => onBytes(chunk.length));
  const parser = input.pipe(
    parse({
      bom: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      info: true,
      trim: false,
    }),
  );
  for await (const { record, info } of parser as AsyncIterable<{
    record: string[];
    info: { lines: number };
  }>) {
    yield { row: record, rowNumber: info.lines };
  }
}

/**
 * Streams the objects of a JSON array (`[{...}, {...}]`) or of JSON lines, one at a time, without
 * holding the file: it tracks depth and strings and cuts at each top-level object.
 */
export async function* readJsonObjects(
  path: string,
  onBytes: (n: number) => void,
): AsyncGenerator<SourceRow<Record<string, unknown>> | { error: string; rowNumber: number }> {
  let depth = 0;
  let inString = false;
  let escaped = false;
  let current: string[] = [];
  let start = 0;
  let line = 1;
  let startLine = 1;
  let index = 0;
  for await (const chunk of createReadStream(path, { encoding: 'utf8' }) as AsyncIterable<string>) {
    onBytes(Buffer.byteLength(chunk));
    start = 0;
    for (let i = 0; i < chunk.length; i++) {
      const ch = chunk[i];
      if (ch === '\n') {
        line++;
      }
      if (inString) {
        if (escaped) {
          escaped = false;
        } else if (ch === '\\') {
          escaped = true;
        } else if (ch === '"') {
          inString = false;
        }
        continue;
      }
      if (ch === '"') {
        inString = true;
      } else if (ch === '{') {
        if (depth === 0) {
          current = [];
          start = i;
          startLine = line;
        }
        depth++;
      } else if (ch === '}') {
        depth--;
        if (depth === 0) {
          current.push(chunk.slice(start, i + 1));
          index++;
          const text = current.join('');
          current = [];
          try {
            const value = JSON.parse(text) as unknown;
            yield value && typeof value === 'object' && !Array.isArray(value)
              ? { row: value as Record<string, unknown>, rowNumber: index }
              : { error: 'is not a JSON object', rowNumber: index };
          } catch (error) {
            yield {
              error: `is not valid JSON (line ${startLine}: ${(error as Error).message})`,
              rowNumber: index,
            };
          }
        }
      }
    }
    if (depth > 0) {
      current.push(chunk.slice(start));
    }
  }
}
