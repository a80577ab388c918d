import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The staff directory, who works each case, and an index per worklist order over open cases, so a
 * department's worklist pages by key however many open cases it has (docs/adr/0059).
 */
export class AddStaffAndAssignment1767420000100 implements MigrationInterface {
  name = 'AddStaffAndAssignment1767420000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE staff_member (
        subject text PRIMARY KEY,
        name text NOT NULL,
        email text NOT NULL,
        department_codes text[] NOT NULL DEFAULT '{}',
        queue_codes text[] NOT NULL DEFAULT '{}',
        capacity integer,
        active boolean NOT NULL DEFAULT true,
        last_assigned_at timestamptz,
        updated_at timestamptz NOT NULL,
        updated_by text NOT NULL
      )`);
    await q.query(`
      ALTER TABLE service_case
        ADD COLUMN assignee_subject text
          CONSTRAINT service_case_assignee_subject_fkey REFERENCES staff_member (subject),
        ADD COLUMN assigned_at timestamptz`);
    await q.query(`
      CREATE INDEX service_case_worklist_due_idx ON service_case (department_code, due_at, id)
        WHERE status <> 'CLOSED'`);
    await q.query(`
      CREATE INDEX service_case_worklist_created_idx ON service_case (department_code, opened_at, id)
        WHERE status <> 'CLOSED'`);
    // The same expression as WORKLIST_PRIORITY_RANK in worklist.repository.ts.
    await q.query(`
      CREATE INDEX service_case_worklist_priority_idx ON service_case (
        department_code,
        (CASE priority WHEN 'EMERGENCY' THEN 0 WHEN 'HIGH' THEN 1 WHEN 'NORMAL' THEN 2 ELSE 3 END),
        due_at,
        id
      ) WHERE status <> 'CLOSED'`);
    await q.query(`
      CREATE INDEX service_case_assignee_open_idx ON service_case (assignee_subject, due_at, id)
        WHERE status <> 'CLOSED'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX service_case_assignee_open_idx');
    await q.query('DROP INDEX service_case_worklist_priority_idx');
    await q.query('DROP INDEX service_case_worklist_created_idx');
    await q.query('DROP INDEX service_case_worklist_due_idx');
    await q.query('ALTER TABLE service_case DROP COLUMN assigned_at, DROP COLUMN assignee_subject');
    await q.query('DROP TABLE staff_member');
  }
}
