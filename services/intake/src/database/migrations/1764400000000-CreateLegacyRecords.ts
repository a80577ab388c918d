import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateLegacyRecords1764400000000 implements MigrationInterface {
  name = 'CreateLegacyRecords1764400000000';

  async up(q: QueryRunner): Promise<void> {
    // The primary key is what makes a re-import a no-op: one submission per (source system, source id).
    await q.query(`
      CREATE TABLE legacy_record (
        source_system text NOT NULL,
        source_id text NOT NULL,
        submission_id uuid NOT NULL UNIQUE,
        imported_at timestamptz NOT NULL,
        PRIMARY KEY (source_system, source_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE legacy_record');
  }
}
