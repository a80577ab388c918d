import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { OpenDataFile } from '../use-cases/make-open-data-file/make-open-data-file.use-case.js';

/** A kept monthly file, as the list shows it. */
export interface SnapshotListing {
  month: string;
  file: string;
  rows: number;
  bytes: number;
  createdAt: string;
}

/** Pieces of about this many characters: a file is never held whole, to write or to serve. */
export const SNAPSHOT_CHUNK_CHARS = 1_000_000;

/**
 * The monthly open-data files (docs/adr/0057): the only writer and reader of
 * `open_data_snapshot` and its chunks. A month's file is written once and never changed.
 */
@Injectable()
export class OpenDataSnapshots {
  constructor(private readonly dataSource: DataSource) {}

  async list(): Promise<SnapshotListing[]> {
    const rows = (await this.dataSource.query(
      `SELECT month, row_count AS rows, byte_count::float8 AS bytes, created_at AS "createdAt"
       FROM open_data_snapshot ORDER BY month DESC`,
    )) as { month: string; rows: number; bytes: number; createdAt: Date }[];
    return rows.map((r) => ({
      month: r.month,
      file: `snapshots/${r.month}.csv`,
      rows: r.rows,
      bytes: r.bytes,
      createdAt: r.createdAt.toISOString(),
    }));
  }

  /** Months that have a file already. */
  async months(): Promise<Set<string>> {
    const rows = (await this.dataSource.query('SELECT month FROM open_data_snapshot')) as {
      month: string;
    }[];
    return new Set(rows.map((r) => r.month));
  }

  /** The kept file of `month`, streamed a chunk at a time; null when there is none. */
  async file(month: string): Promise<OpenDataFile | null> {
    const [head] = (await this.dataSource.query(
      `SELECT etag, row_count AS rows, created_at AS "createdAt",
              (SELECT count(*)::int FROM open_data_snapshot_chunk c WHERE c.month = s.month) AS chunks
       FROM open_data_snapshot s WHERE month = $1`,
      [month],
    )) as { etag: string; rows: number; createdAt: Date; chunks: number }[];
    if (!head) {
      return null;
    }
    const dataSource = this.dataSource;
    return {
      etag: head.etag,
      lastModified: head.createdAt,
      rows: head.rows,
      chunks: async function* () {
        for (let seq = 0; seq < head.chunks; seq++) {
          const [chunk] = (await dataSource.query(
            'SELECT data FROM open_data_snapshot_chunk WHERE month = $1 AND seq = $2',
            [month, seq],
          )) as { data: string }[];
          yield chunk.data;
        }
      },
      close: async () => undefined,
    };
  }

  /**
   * Keeps `file` as `month`'s snapshot, unless another replica is writing or has written it
   * (then false). One transaction: a file is kept whole or not at all.
   */
  async keep(month: string, file: OpenDataFile): Promise<boolean> {
    return this.dataSource.transaction(async (m) => {
      const [{ locked }] = (await m.query(
        "SELECT pg_try_advisory_xact_lock(hashtext('open-data-snapshot:' || $1)) AS locked",
        [month],
      )) as { locked: boolean }[];
      const [exists] = (await m.query('SELECT 1 FROM open_data_snapshot WHERE month = $1', [
        month,
      ])) as unknown[];
      if (!locked || exists) {
        await file.close();
        return false;
      }
      await m.query(
        'INSERT INTO open_data_snapshot (month, row_count, byte_count, etag) VALUES ($1, $2, 0, $3)',
        [month, file.rows, file.etag],
      );
      const bytes = await writeChunks(m, month, file);
      await m.query('UPDATE open_data_snapshot SET byte_count = $2 WHERE month = $1', [
        month,
        bytes,
      ]);
      return true;
    });
  }
}

async function writeChunks(m: EntityManager, month: string, file: OpenDataFile): Promise<number> {
  let seq = 0;
  let bytes = 0;
  let pending = '';
  const flush = async () => {
    await m.query('INSERT INTO open_data_snapshot_chunk (month, seq, data) VALUES ($1, $2, $3)', [
      month,
      seq++,
      pending,
    ]);
    bytes += Buffer.byteLength(pending, 'utf8');
    pending = '';
  };
  for await (const chunk of file.chunks()) {
    pending += chunk;
    if (pending.length >= SNAPSHOT_CHUNK_CHARS) {
      await flush();
    }
  }
  if (pending.length > 0 || seq === 0) {
    await flush();
  }
  return bytes;
}
