import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What open data needs beyond the figures' columns (docs/adr/0057): whether a case is private, and
 * the description intake scrubbed for publication; and the monthly snapshot files, kept.
 */
export class AddOpenDataToCaseFacts1767300000200 implements MigrationInterface {
  name = 'AddOpenDataToCaseFacts1767300000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE case_fact
        ADD COLUMN private boolean NOT NULL DEFAULT false,
        ADD COLUMN public_description text`);
    await q.query(`
      CREATE TABLE open_data_snapshot (
        month text PRIMARY KEY,
        row_count integer NOT NULL,
        byte_count bigint NOT NULL,
        etag text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE open_data_snapshot_chunk (
        month text NOT NULL REFERENCES open_data_snapshot (month) ON DELETE CASCADE,
        seq integer NOT NULL,
        data text NOT NULL,
        PRIMARY KEY (month, seq)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE open_data_snapshot_chunk');
    await q.query('DROP TABLE open_data_snapshot');
    await q.query(`
      ALTER TABLE case_fact
        DROP COLUMN public_description,
        DROP COLUMN private`);
  }
}
