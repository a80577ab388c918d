import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Duplicate links: a case closed as a duplicate points at the case it duplicates. */
export class AddCaseDuplicateOf1765100000100 implements MigrationInterface {
  name = 'AddCaseDuplicateOf1765100000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      'ALTER TABLE service_case ADD COLUMN duplicate_of_case_id uuid REFERENCES service_case (id)',
    );
    await q.query(
      'CREATE INDEX service_case_duplicate_of_idx ON service_case (duplicate_of_case_id)',
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX service_case_duplicate_of_idx');
    await q.query('ALTER TABLE service_case DROP COLUMN duplicate_of_case_id');
  }
}
