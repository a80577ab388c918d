import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The mailbox a department's overdue cases are announced to (docs/adr/0067): set by an admin,
 * carried on `case-overdue`, written to by citizens. Null until set: no e-mail.
 */
export class AddDepartmentEscalationEmail1767550000000 implements MigrationInterface {
  name = 'AddDepartmentEscalationEmail1767550000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE department ADD COLUMN escalation_email text');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE department DROP COLUMN escalation_email');
  }
}
