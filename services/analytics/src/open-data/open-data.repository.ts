import { Injectable } from '@nestjs/common';
import { DataSource, type QueryRunner } from 'typeorm';
import type { OpenDataFact } from './open-data-columns.js';

/** Which public cases a file holds: received on days `from` to `to` (local), of these services. */
export interface OpenDataFilter {
  /** `YYYY-MM-DD`, the first day, in the jurisdiction's time zone; null: from the start. */
  from: string | null;
  /** `YYYY-MM-DD`, the last day included; null: up to now. */
  to: string | null;
  /** Service codes; null: every service. */
  serviceCodes: string[] | null;
}

/**
 * What identifies a file, known before its first byte and without reading its rows
 * (docs/adr/0065): the changes counted for its months and services in `open_data_change`.
 */
export interface OpenDataSummary {
  /** How many changes its months and services have had: grows with every change, never shrinks. */
  changes: string;
  /** When the latest of those changes was committed; null when nothing was ever published there. */
  changedAt: Date | null;
  /** When this read began: its snapshot of the facts is no older. */
  readAt: Date;
  /** Services with public rows in those months (perhaps a few more): the policies to ask for. */
  serviceCodes: string[];
}

/** One read of open data: its summary, then its rows, in one consistent snapshot of the facts. */
export interface OpenDataRead {
  summary: OpenDataSummary;
  /** The rows, oldest first, a batch at a time, from a server-side cursor. */
  batches(): AsyncGenerator<OpenDataFact[]>;
  /** Ends the read (its transaction); safe to call twice. */
  close(): Promise<void>;
}

const BATCH = 1000;

/**
 * Open data's reads of `case_fact` (docs/adr/0057): public cases only (never private ones, nor a
 * fact `case-opened` has not reached yet, whose privacy is not known), through a cursor so a
 * file of millions of rows never sits in memory.
 */
@Injectable()
export class OpenDataRepository {
  constructor(private readonly dataSource: DataSource) {}

  async open(filter: OpenDataFilter, timeZone: string): Promise<OpenDataRead> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    let closed = false;
    const close = async (): Promise<void> => {
      if (closed) {
        return;
      }
      closed = true;
      try {
        if (runner.isTransactionActive) {
          await runner.rollbackTransaction();
        }
      } finally {
        await runner.release();
      }
    };
    try {
      // One snapshot for the summary and the rows: the ETag describes exactly what is sent.
      await runner.startTransaction('REPEATABLE READ');
      await runner.query('SET TRANSACTION READ ONLY');
      const params = [filter.from, filter.to, filter.serviceCodes, timeZone];
      const summary = await this.summary(runner, params);
      return {
        summary,
        batches: () => this.rows(runner, params),
        close,
      };
    } catch (error) {
      await close();
      throw error;
    }
  }

  /**
   * Folds the rows of `open_data_change` into one per month and service. Sums and latest stamps
   * stay the same, so no ETag or Last-Modified moves; the table stays about as small as its keys.
   * Rows of transactions still open are not visible here and stay as they are.
   */
  async compactChanges(): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const [{ locked }] = (await m.query(
        "SELECT pg_try_advisory_xact_lock(hashtext('open-data-changes')) AS locked",
      )) as { locked: boolean }[];
      if (locked) {
        await m.query(
          `WITH gone AS (DELETE FROM open_data_change RETURNING *)
           INSERT INTO open_data_change (month, service_code, changes, changed_at)
           SELECT month, service_code, sum(changes), max(changed_at) FROM gone GROUP BY 1, 2`,
        );
      }
    });
  }

  /** One read of a small table, whatever the size of the file (folded by `compactChanges`). */
  private async summary(runner: QueryRunner, params: unknown[]): Promise<OpenDataSummary> {
    const [row] = (await runner.query(
      `SELECT COALESCE(sum(changes), 0)::text AS changes, max(changed_at) AS "changedAt",
              statement_timestamp() AS "readAt",
              COALESCE(array_agg(DISTINCT service_code), '{}') AS "serviceCodes"
       FROM open_data_change WHERE ${CHANGED_MONTHS}`,
      params,
    )) as OpenDataSummary[];
    return row;
  }

  private async *rows(runner: QueryRunner, params: unknown[]): AsyncGenerator<OpenDataFact[]> {
    await runner.query(
      `DECLARE open_data NO SCROLL CURSOR FOR
       SELECT ticket_number, service_code, department_code, status, opened_at, closed_at,
              district_code, channel, cell_latitude, cell_longitude, public_description
       FROM case_fact WHERE ${PUBLIC_CASES}
       ORDER BY opened_at, ticket_number`,
      params,
    );
    for (;;) {
      const batch = (await runner.query(`FETCH ${BATCH} FROM open_data`)) as OpenDataFact[];
      if (batch.length === 0) {
        return;
      }
      yield batch;
    }
  }
}

/**
 * The UTC months that overlap local days $1 to $2 in time zone $4, of services $3: a change to
 * any row of a file is counted under one of them.
 */
const CHANGED_MONTHS = `($1::date IS NULL OR month >= date_trunc('month',
      (($1::date)::timestamp AT TIME ZONE $4::text) AT TIME ZONE 'UTC')::date)
  AND ($2::date IS NULL OR month < (($2::date + 1)::timestamp AT TIME ZONE $4::text) AT TIME ZONE 'UTC')
  AND ($3::text[] IS NULL OR service_code = ANY ($3::text[]))`;

/** $1 from, $2 to (local days), $3 service codes, $4 the jurisdiction's time zone. */
const PUBLIC_CASES = `private = false AND opened_at IS NOT NULL
  AND ($1::date IS NULL OR opened_at >= ($1::date)::timestamp AT TIME ZONE $4::text)
  AND ($2::date IS NULL OR opened_at < ($2::date + 1)::timestamp AT TIME ZONE $4::text)
  AND ($3::text[] IS NULL OR service_code = ANY ($3::text[]))`;
