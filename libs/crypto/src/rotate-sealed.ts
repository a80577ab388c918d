import type { PiiCipher } from './pii-cipher.js';

/** Runs one SQL statement and returns its rows (a `pg` client's or TypeORM's `query`, adapted). */
export type SqlQuery = (sql: string, params: unknown[]) => Promise<Record<string, unknown>[]>;

export interface SealedTable {
  table: string;
  /** A unique, sortable column (the primary key) to walk the table in batches. */
  key: string;
  /** Columns holding values sealed by PiiCipher (null allowed). */
  columns: string[];
}

export interface RotationProgress {
  table: string;
  scanned: number;
  resealed: number;
}

const IDENT = /^[a-z_][a-z0-9_]*$/;

/** The value sealed again with the current key, or null when it already is (or is null). */
export function resealed(cipher: PiiCipher, sealed: string | null): string | null {
  if (sealed === null || cipher.keyIdOf(sealed) === cipher.currentKeyId) {
    return null;
  }
  return cipher.encrypt(cipher.decrypt(sealed));
}

/**
 * Re-encrypts every sealed value of `tables` whose key id is not the current one, batch by batch
 * (each batch one UPDATE per changed row, in key order). Idempotent: values already under the
 * current key are left alone, so a second run changes nothing and an interrupted run resumes.
 */
export async function rotateSealedTables(
  cipher: PiiCipher,
  query: SqlQuery,
  tables: SealedTable[],
  onProgress: (progress: RotationProgress) => void = () => undefined,
  batchSize = 1000,
): Promise<RotationProgress[]> {
  const results: RotationProgress[] = [];
  for (const { table, key, columns } of tables) {
    for (const name of [table, key, ...columns]) {
      if (!IDENT.test(name)) {
        throw new Error(`Not a plain SQL identifier: ${name}`);
      }
    }
    const progress: RotationProgress = { table, scanned: 0, resealed: 0 };
    const list = columns.join(', ');
    let after: unknown = null;
    for (;;) {
      const rows =
        after === null
          ? await query(
              `SELECT ${key} AS k, ${list} FROM ${table} ORDER BY ${key} LIMIT ${batchSize}`,
              [],
            )
          : await query(
              `SELECT ${key} AS k, ${list} FROM ${table} WHERE ${key} > $1 ORDER BY ${key} LIMIT ${batchSize}`,
              [after],
            );
      if (rows.length === 0) {
        break;
      }
      for (const row of rows) {
        const changes = columns
          .map((column) => [column, resealed(cipher, row[column] as string | null)] as const)
          .filter(([, value]) => value !== null);
        if (changes.length > 0) {
          const sets = changes.map(([column], i) => `${column} = $${i + 2}`).join(', ');
          await query(`UPDATE ${table} SET ${sets} WHERE ${key} = $1`, [
            row.k,
            ...changes.map(([, value]) => value),
          ]);
          progress.resealed += 1;
        }
      }
      progress.scanned += rows.length;
      after = rows[rows.length - 1].k;
      onProgress({ ...progress });
    }
    results.push(progress);
  }
  return results;
}
