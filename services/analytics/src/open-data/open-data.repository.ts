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

/** What a file will hold, known before its first byte: its ETag and Last-Modified come from it. */
export interface OpenDataSummary {
  rows: number;
  /** The latest time anything in it changed; null for an empty file. */
  changedAt: Date | null;
  /** A digest of every published column of every row, in any order. */
  digest: string;
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

  private async summary(runner: QueryRunner, params: unknown[]): Promise<OpenDataSummary> {
    const [row] = (await runner.query(
      `SELECT count(*)::int AS rows,
              max(GREATEST(opened_at, routed_at, status_changed_at, closed_at)) AS "changedAt",
              COALESCE(bit_xor(hashtextextended(concat_ws('|', ticket_number, service_code,
                department_code, status, opened_at, closed_at, district_code, channel,
                cell_latitude, cell_longitude, public_description), 0)), 0)::text AS digest,
              COALESCE(array_agg(DISTINCT service_code), '{}') AS "serviceCodes"
       FROM case_fact WHERE ${PUBLIC_CASES}`,
      params,
    )) as {
      rows: number;
      changedAt: Date | null;
      digest: string;
      serviceCodes: string[];
    }[];
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

/** $1 from, $2 to (local days), $3 service codes, $4 the jurisdiction's time zone. */
const PUBLIC_CASES = `private = false AND opened_at IS NOT NULL
  AND ($1::date IS NULL OR opened_at >= ($1::date)::timestamp AT TIME ZONE $4::text)
  AND ($2::date IS NULL OR opened_at < ($2::date + 1)::timestamp AT TIME ZONE $4::text)
  AND ($3::text[] IS NULL OR service_code = ANY ($3::text[]))`;
