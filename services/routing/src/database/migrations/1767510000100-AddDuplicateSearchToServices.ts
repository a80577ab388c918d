import type { MigrationInterface, QueryRunner } from 'typeorm';

/** How near and how recent an open case must be for a report to be its possible duplicate (ADR 0063). */
export class AddDuplicateSearchToServices1767510000100 implements MigrationInterface {
  name = 'AddDuplicateSearchToServices1767510000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE service
        ADD COLUMN duplicate_radius_meters integer NOT NULL DEFAULT 50
          CONSTRAINT service_duplicate_radius_meters_check
          CHECK (duplicate_radius_meters BETWEEN 0 AND 1000),
        ADD COLUMN duplicate_window_days integer NOT NULL DEFAULT 30
          CONSTRAINT service_duplicate_window_days_check
          CHECK (duplicate_window_days BETWEEN 1 AND 365)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE service
        DROP COLUMN duplicate_window_days,
        DROP COLUMN duplicate_radius_meters`);
  }
}
