import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A case opened near an open case of the same service points at it as a possible duplicate until
 * staff confirm or reject it; the nearby search reads open cases of a service by latitude band,
 * longitude and opening time from one index (docs/adr/0063).
 */
export class AddCasePossibleDuplicateOf1767510000200 implements MigrationInterface {
  name = 'AddCasePossibleDuplicateOf1767510000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE service_case
        ADD COLUMN possible_duplicate_of_case_id uuid
          CONSTRAINT service_case_possible_duplicate_of_case_id_fkey REFERENCES service_case (id)`);
    await q.query(`
      CREATE INDEX service_case_nearby_idx
        ON service_case (service_code, latitude, longitude, opened_at)
        WHERE status <> 'CLOSED'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX service_case_nearby_idx');
    await q.query('ALTER TABLE service_case DROP COLUMN possible_duplicate_of_case_id');
  }
}
