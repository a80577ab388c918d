import { createWriteStream, mkdirSync, statSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { createRowParser } from './formats/index.js';
import { BatchRefusedError, type BatchResult } from './gateway-client.js';
import { CategoryMapper, type FormatName, type ImportMapping } from './mapping.js';
import { Progress } from './progress.js';
import { readCsvRows, readJsonObjects } from './read-rows.js';
import type { LegacyRecord, ParsedRow, Rejection } from './record.js';

export interface BatchSender {
  importBatch(sourceSystem: string, records: LegacyRecord[]): Promise<BatchResult>;
}

export interface ImportOptions {
  format: FormatName;
  mapping: ImportMapping;
  paths: string[];
  sender: BatchSender;
  /** Where every rejection is written (CSV). */
  reportPath: string;
  batchSize?: number;
  /** Kept under the subgraphs' 100 kB request limit. */
  maxBatchBytes?: number;
  concurrency?: number;
  progressOut?: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  progressIntervalMs?: number;
  /** Called with each batch's outcome (tickets per source id), e.g. by tests. */
  onBatch?: (result: BatchResult, latencyMs: number) => void;
}

export interface ImportSummary {
  files: number;
  read: number;
  imported: number;
  alreadyThere: number;
  rejected: number;
  /** The first rejections, in file order as far as batches allow. */
  firstRejections: Rejection[];
  /** Source categories imported as general-inquiry, with how many rows each. */
  unmapped: Map<string, number>;
  batchLatenciesMs: number[];
  elapsedMs: number;
  reportPath: string;
  /** Set when the import stopped early (gateway unreachable, refused credentials). */
  aborted?: string;
}

const FIRST_REJECTIONS = 50;

const csvCell = (v: string | number | undefined | null): string => {
  const s = v === undefined || v === null ? '' : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/**
 * Streams each file through its format's parser and sends the records in batches (a few in flight
 * at once). A bad row is rejected with its row number and the import goes on; only a gateway that
 * cannot be reached or refuses us stops it.
 */
export async function runImport(options: ImportOptions): Promise<ImportSummary> {
  const started = Date.now();
  const batchSize = options.batchSize ?? 500;
  const maxBytes = options.maxBatchBytes ?? 90_000;
  const concurrency = options.concurrency ?? 3;
  const mapper = new CategoryMapper(options.mapping);
  const summary: ImportSummary = {
    files: options.paths.length,
    read: 0,
    imported: 0,
    alreadyThere: 0,
    rejected: 0,
    firstRejections: [],
    unmapped: new Map(),
    batchLatenciesMs: [],
    elapsedMs: 0,
    reportPath: options.reportPath,
  };
  mkdirSync(dirname(options.reportPath), { recursive: true });
  const report = createWriteStream(options.reportPath);
  report.write('file,row,source_id,field,reason\n');
  const reject = (r: Rejection) => {
    summary.rejected++;
    if (summary.firstRejections.length < FIRST_REJECTIONS) {
      summary.firstRejections.push(r);
    }
    report.write(
      `${[r.file, r.rowNumber, r.sourceId, r.field, r.reason].map(csvCell).join(',')}\n`,
    );
  };
  const totalBytes = options.paths.reduce((n, p) => n + statSync(p).size, 0);
  const progress = new Progress(
    options.progressOut ?? process.stderr,
    totalBytes,
    options.progressIntervalMs,
  );
  const inFlight = new Set<Promise<void>>();
  let fatal: Error | null = null;

  const send = (file: string, records: LegacyRecord[]): Promise<void> => {
    const t0 = Date.now();
    const done = options.sender
      .importBatch(options.mapping.sourceSystem, records)
      .then((result) => {
        const latency = Date.now() - t0;
        summary.batchLatenciesMs.push(latency);
        summary.imported += result.imported;
        summary.alreadyThere += result.alreadyThere;
        for (const r of result.rejected) {
          reject({
            file,
            rowNumber: r.rowNumber ?? 0,
            sourceId: r.sourceId,
            field: r.field,
            reason: r.reason,
          });
        }
        options.onBatch?.(result, latency);
      })
      .catch((error: Error) => {
        if (error instanceof BatchRefusedError) {
          for (const r of records) {
            reject({
              file,
              rowNumber: r.rowNumber,
              sourceId: r.sourceId,
              field: '(batch)',
              reason: error.message,
            });
          }
        } else {
          fatal ??= error;
        }
      })
      .finally(() => inFlight.delete(done));
    inFlight.add(done);
    return done;
  };

  try {
    for (const path of options.paths) {
      if (fatal) {
        break;
      }
      const file = basename(path);
      const parser = createRowParser(options.format, { file, mapping: options.mapping, mapper });
      let batch: LegacyRecord[] = [];
      let bytes = 0;
      const flush = async () => {
        if (batch.length > 0) {
          void send(file, batch);
          batch = [];
          bytes = 0;
        }
        while (inFlight.size >= concurrency) {
          await Promise.race(inFlight);
        }
      };
      const rows =
        options.format === 'open311-json'
          ? readJsonObjects(path, (n) => progress.addBytes(n))
          : readCsvRows(path, (n) => progress.addBytes(n));
      for await (const source of rows) {
        if (fatal) {
          break;
        }
        let parsed: ParsedRow;
        if ('error' in source) {
          summary.read++;
          reject({ file, rowNumber: source.rowNumber, field: '(row)', reason: source.error });
          continue;
        }
        try {
          parsed = parser.parse(source.row, source.rowNumber);
        } catch (error) {
          parsed = {
            kind: 'rejected',
            rejection: {
              file,
              rowNumber: source.rowNumber,
              field: '(row)',
              reason: (error as Error).message,
            },
          };
        }
        if (parsed.kind === 'header') {
          continue;
        }
        summary.read++;
        if (parsed.kind === 'rejected') {
          reject(parsed.rejection);
        } else {
          if (parsed.unmappedCategory) {
            summary.unmapped.set(
              parsed.unmappedCategory,
              (summary.unmapped.get(parsed.unmappedCategory) ?? 0) + 1,
            );
          }
          const size = JSON.stringify(parsed.record).length + 1;
          if (batch.length >= batchSize || (batch.length > 0 && bytes + size > maxBytes)) {
            await flush();
          }
          batch.push(parsed.record);
          bytes += size;
        }
        progress.update(summary.read);
      }
      await flush();
    }
    await Promise.all(inFlight);
  } finally {
    progress.update(summary.read);
    progress.done();
    await new Promise<void>((resolve) => report.end(resolve));
  }
  summary.elapsedMs = Date.now() - started;
  if (fatal) {
    summary.aborted = (fatal as Error).message;
  }
  return summary;
}

/** The summary as printed at the end of a run. */
export function formatSummary(s: ImportSummary, listed = 20): string {
  const n = (x: number) => x.toLocaleString('en-US');
  const lines = [
    `${s.aborted ? 'Import stopped early' : 'Import finished'} in ${(s.elapsedMs / 1000).toFixed(1)} s (${s.files} file${s.files === 1 ? '' : 's'})`,
    `  read          ${n(s.read)}`,
    `  imported      ${n(s.imported)}`,
    `  already there ${n(s.alreadyThere)}`,
    `  rejected      ${n(s.rejected)}`,
  ];
  if (s.unmapped.size > 0) {
    const total = [...s.unmapped.values()].reduce((a, b) => a + b, 0);
    const top = [...s.unmapped.entries()].sort((a, b) => b[1] - a[1]);
    lines.push(
      `Imported as general-inquiry, category kept (${n(total)} rows, ${n(top.length)} categories not in the mapping):`,
    );
    for (const [category, count] of top.slice(0, 15)) {
      lines.push(`  ${n(count).padStart(7)}  ${category}`);
    }
    if (top.length > 15) {
      lines.push(`  ... and ${n(top.length - 15)} more categories`);
    }
  }
  if (s.rejected > 0) {
    lines.push(
      `First ${Math.min(listed, s.firstRejections.length)} rejections (all ${n(s.rejected)} in ${s.reportPath}):`,
    );
    for (const r of s.firstRejections.slice(0, listed)) {
      lines.push(
        `  ${r.file} row ${r.rowNumber}${r.sourceId ? ` (${r.sourceId})` : ''}: ${r.field} ${r.reason}`,
      );
    }
  }
  if (s.aborted) {
    lines.push(
      `Stopped: ${s.aborted}`,
      'Running the same command again resumes: records already imported are skipped.',
    );
  }
  return lines.join('\n');
}
