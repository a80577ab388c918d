import type { MigrationInterface, QueryRunner } from 'typeorm';

/** How often each case changed hands, counted from `case-assigned` (docs/adr/0059). */
export class CreateCaseAssignmentFacts1767420000200 implements MigrationInterface {
  name = 'CreateCaseAssignmentFacts1767420000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE case_assignment_fact (
        case_id uuid PRIMARY KEY,
        department_code text NOT NULL,
        changes integer NOT NULL DEFAULT 0,
        automatic integer NOT NULL DEFAULT 0,
        claimed integer NOT NULL DEFAULT 0,
        reassigned integer NOT NULL DEFAULT 0,
        first_assigned_at timestamptz,
        last_changed_at timestamptz NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE case_assignment_fact');
  }
}
