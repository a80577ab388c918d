import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A service may make every request private, and says how open data shows its requests (ADR 0057). */
export class AddPrivacyAndOpenDataToServices1767300000100 implements MigrationInterface {
  name = 'AddPrivacyAndOpenDataToServices1767300000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE service
        ADD COLUMN always_private boolean NOT NULL DEFAULT false,
        ADD COLUMN open_data_location text NOT NULL DEFAULT 'GRID'
          CONSTRAINT service_open_data_location_check
          CHECK (open_data_location IN ('GRID', 'DISTRICT', 'NONE')),
        ADD COLUMN open_data_description boolean NOT NULL DEFAULT false`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE service
        DROP COLUMN open_data_description,
        DROP COLUMN open_data_location,
        DROP COLUMN always_private`);
  }
}
