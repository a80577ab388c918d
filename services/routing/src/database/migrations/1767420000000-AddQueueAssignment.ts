import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Each queue says how its new cases are given to people (docs/adr/0059); existing ones: MANUAL. */
export class AddQueueAssignment1767420000000 implements MigrationInterface {
  name = 'AddQueueAssignment1767420000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE queue
        ADD COLUMN assignment text NOT NULL DEFAULT 'MANUAL'
          CONSTRAINT queue_assignment_check
          CHECK (assignment IN ('MANUAL', 'ROUND_ROBIN', 'LEAST_LOADED'))`);
    await q.query('CREATE INDEX queue_department_code_idx ON queue (department_code)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX queue_department_code_idx');
    await q.query('ALTER TABLE queue DROP COLUMN assignment');
  }
}
