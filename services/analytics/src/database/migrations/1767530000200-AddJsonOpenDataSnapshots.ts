import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A month's open-data snapshot in each format (docs/adr/0065): the CSV kept so far becomes one
 * format of two, and the JSON is kept beside it.
 */
export class AddJsonOpenDataSnapshots1767530000200 implements MigrationInterface {
  name = 'AddJsonOpenDataSnapshots1767530000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      'ALTER TABLE open_data_snapshot_chunk DROP CONSTRAINT open_data_snapshot_chunk_month_fkey',
    );
    await q.query(`
      ALTER TABLE open_data_snapshot
        ADD COLUMN format text NOT NULL DEFAULT 'csv',
        DROP CONSTRAINT open_data_snapshot_pkey,
        ADD CONSTRAINT open_data_snapshot_pkey PRIMARY KEY (month, format)`);
    await q.query(`
      ALTER TABLE open_data_snapshot_chunk
        ADD COLUMN format text NOT NULL DEFAULT 'csv',
        DROP CONSTRAINT open_data_snapshot_chunk_pkey,
        ADD CONSTRAINT open_data_snapshot_chunk_pkey PRIMARY KEY (month, format, seq),
        ADD CONSTRAINT open_data_snapshot_chunk_month_fkey FOREIGN KEY (month, format)
          REFERENCES open_data_snapshot (month, format) ON DELETE CASCADE`);
    await q.query('ALTER TABLE open_data_snapshot ALTER COLUMN format DROP DEFAULT');
    await q.query('ALTER TABLE open_data_snapshot_chunk ALTER COLUMN format DROP DEFAULT');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query("DELETE FROM open_data_snapshot WHERE format <> 'csv'");
    await q.query(
      'ALTER TABLE open_data_snapshot_chunk DROP CONSTRAINT open_data_snapshot_chunk_month_fkey',
    );
    await q.query(`
      ALTER TABLE open_data_snapshot_chunk
        DROP CONSTRAINT open_data_snapshot_chunk_pkey,
        DROP COLUMN format,
        ADD CONSTRAINT open_data_snapshot_chunk_pkey PRIMARY KEY (month, seq)`);
    await q.query(`
      ALTER TABLE open_data_snapshot
        DROP CONSTRAINT open_data_snapshot_pkey,
        DROP COLUMN format,
        ADD CONSTRAINT open_data_snapshot_pkey PRIMARY KEY (month)`);
    await q.query(`
      ALTER TABLE open_data_snapshot_chunk ADD CONSTRAINT open_data_snapshot_chunk_month_fkey
        FOREIGN KEY (month) REFERENCES open_data_snapshot (month) ON DELETE CASCADE`);
  }
}
