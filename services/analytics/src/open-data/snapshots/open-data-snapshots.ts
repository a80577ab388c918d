import { createHash, type Hash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { OpenDataText, type OpenDataFormat } from '../open-data-text.js';
import type {
  OpenDataFile,
  OpenDataRows,
} from '../use-cases/make-open-data-file/make-open-data-file.use-case.js';

/** A kept monthly file, as the list shows it. */
export interface SnapshotListing {
  month: string;
  format: OpenDataFormat;
  file: string;
  rows: number;
  bytes: number;
  createdAt: string;
}

/** Pieces of about this many characters: a file is never held whole, to write or to serve. */
export const SNAPSHOT_CHUNK_CHARS = 1_000_000;

/**
 * The monthly open-data files (docs/adr/0057, 0065): the only writer and reader of
 * `open_data_snapshot` and its chunks. A month's file in each format is written once and never
 * changed; its ETag is a digest of its text.
 */
@Injectable()
export class OpenDataSnapshots {
  constructor(private readonly dataSource: DataSource) {}

  /** Newest month first; in a month, CSV then JSON. */
  async list(): Promise<SnapshotListing[]> {
    const rows = (await this.dataSource.query(
      `SELECT month, format, row_count AS rows, byte_count::float8 AS bytes, created_at AS "createdAt"
       FROM open_data_snapshot ORDER BY month DESC, format`,
    )) as {
      month: string;
      format: OpenDataFormat;
      rows: number;
      bytes: number;
      createdAt: Date;
    }[];
    return rows.map((r) => ({
      month: r.month,
      format: r.format,
      file: `snapshots/${r.month}.${r.format}`,
      rows: r.rows,
      bytes: r.bytes,
      createdAt: r.createdAt.toISOString(),
    }));
  }

  /** The formats each month has a file in already. */
  async kept(): Promise<Map<string, Set<OpenDataFormat>>> {
    const rows = (await this.dataSource.query('SELECT month, format FROM open_data_snapshot')) as {
      month: string;
      format: OpenDataFormat;
    }[];
    const kept = new Map<string, Set<OpenDataFormat>>();
    for (const r of rows) {
      kept.set(r.month, (kept.get(r.month) ?? new Set()).add(r.format));
    }
    return kept;
  }

  /** The kept file of `month` in `format`, streamed a chunk at a time; null when there is none. */
  async file(month: string, format: OpenDataFormat): Promise<OpenDataFile | null> {
    const [head] = (await this.dataSource.query(
      `SELECT etag, row_count AS rows, created_at AS "createdAt",
              (SELECT count(*)::int FROM open_data_snapshot_chunk c
               WHERE c.month = s.month AND c.format = s.format) AS chunks
       FROM open_data_snapshot s WHERE month = $1 AND format = $2`,
      [month, format],
    )) as { etag: string; rows: number; createdAt: Date; chunks: number }[];
    if (!head) {
      return null;
    }
    const dataSource = this.dataSource;
    return {
      etag: head.etag,
      lastModified: head.createdAt,
      rowsSent: () => head.rows,
      chunks: async function* () {
        for (let seq = 0; seq < head.chunks; seq++) {
          const [chunk] = (await dataSource.query(
            'SELECT data FROM open_data_snapshot_chunk WHERE month = $1 AND format = $2 AND seq = $3',
            [month, format, seq],
          )) as { data: string }[];
          yield chunk.data;
        }
      },
      close: async () => undefined,
    };
  }

  /**
   * Keeps `rows` as `month`'s snapshot in each of `formats` it has no file in yet, all from the
   * one read, unless another replica is writing the month (then nothing). One transaction: the
   * files are kept whole or not at all. Answers the formats written.
   */
  async keep(
    month: string,
    rows: OpenDataRows,
    formats: readonly OpenDataFormat[],
  ): Promise<OpenDataFormat[]> {
    try {
      return await this.dataSource.transaction(async (m) => {
        const [{ locked }] = (await m.query(
          "SELECT pg_try_advisory_xact_lock(hashtext('open-data-snapshot:' || $1)) AS locked",
          [month],
        )) as { locked: boolean }[];
        const existing = (
          (await m.query('SELECT format FROM open_data_snapshot WHERE month = $1', [month])) as {
            format: OpenDataFormat;
          }[]
        ).map((r) => r.format);
        const missing = formats.filter((f) => !existing.includes(f));
        if (!locked || missing.length === 0) {
          return [];
        }
        const files = missing.map((format) => new SnapshotFile(m, month, format));
        for (const file of files) {
          await file.begin();
        }
        let count = 0;
        for await (const batch of rows.batches()) {
          for (const file of files) {
            await file.add(file.text.rows(batch));
          }
          count += batch.length;
        }
        for (const file of files) {
          await file.finish(count);
        }
        return missing;
      });
    } finally {
      await rows.close();
    }
  }
}

/** One format's file being written: its text, its digest and its size, chunk by chunk. */
class SnapshotFile {
  readonly text: OpenDataText;
  private readonly hash: Hash = createHash('sha256');
  private seq = 0;
  private bytes = 0;
  private pending = '';

  constructor(
    private readonly m: EntityManager,
    private readonly month: string,
    private readonly format: OpenDataFormat,
  ) {
    this.text = new OpenDataText(format);
  }

  async begin(): Promise<void> {
    // The row is there first for the chunks' key; its figures are filled in at the end.
    await this.m.query(
      `INSERT INTO open_data_snapshot (month, format, row_count, byte_count, etag)
       VALUES ($1, $2, 0, 0, '')`,
      [this.month, this.format],
    );
    await this.add(this.text.head());
  }

  async add(text: string): Promise<void> {
    this.pending += text;
    if (this.pending.length >= SNAPSHOT_CHUNK_CHARS) {
      await this.flush();
    }
  }

  async finish(rows: number): Promise<void> {
    await this.add(this.text.tail());
    await this.flush();
    await this.m.query(
      `UPDATE open_data_snapshot SET row_count = $3, byte_count = $4, etag = $5
       WHERE month = $1 AND format = $2`,
      [
        this.month,
        this.format,
        rows,
        this.bytes,
        `"${this.hash.digest('base64url').slice(0, 32)}"`,
      ],
    );
  }

  private async flush(): Promise<void> {
    if (this.pending.length === 0) {
      return;
    }
    await this.m.query(
      'INSERT INTO open_data_snapshot_chunk (month, format, seq, data) VALUES ($1, $2, $3, $4)',
      [this.month, this.format, this.seq++, this.pending],
    );
    this.hash.update(this.pending, 'utf8');
    this.bytes += Buffer.byteLength(this.pending, 'utf8');
    this.pending = '';
  }
}
