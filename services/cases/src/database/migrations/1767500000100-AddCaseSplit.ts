import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A case split into parts (docs/adr/0062): each part (a child case) points at the case it was
 * split from; the parent records its parts' tickets and services when it is split, before the
 * parts are opened.
 */
export class AddCaseSplit1767500000100 implements MigrationInterface {
  name = 'AddCaseSplit1767500000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      'ALTER TABLE service_case ADD COLUMN parent_case_id uuid REFERENCES service_case (id)',
    );
    await q.query('CREATE INDEX service_case_parent_idx ON service_case (parent_case_id)');
    await q.query('ALTER TABLE service_case ADD COLUMN split_parts jsonb');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE service_case DROP COLUMN split_parts');
    await q.query('DROP INDEX service_case_parent_idx');
    await q.query('ALTER TABLE service_case DROP COLUMN parent_case_id');
  }
}
