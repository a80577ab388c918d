import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateCaseLegacyOrigins1764400000100 implements MigrationInterface {
  name = 'CreateCaseLegacyOrigins1764400000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE case_legacy_origin (
        case_id uuid PRIMARY KEY REFERENCES service_case (id),
        source_system text NOT NULL,
        source_id text NOT NULL,
        source_status text NOT NULL,
        agency text,
        category text,
        CONSTRAINT case_legacy_origin_source UNIQUE (source_system, source_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE case_legacy_origin');
  }
}
