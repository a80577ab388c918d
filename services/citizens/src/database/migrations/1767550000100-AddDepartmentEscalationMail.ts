import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A delivery may go to a department's escalation mailbox instead of a resident (docs/adr/0067):
 * no resident then, the address kept (a department's, not personal data), and at most one such
 * message per overdue case whatever redelivers the event.
 */
export class AddDepartmentEscalationMail1767550000100 implements MigrationInterface {
  name = 'AddDepartmentEscalationMail1767550000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE notification_delivery
        ALTER COLUMN citizen_id DROP NOT NULL,
        ADD COLUMN mailbox text,
        ADD CONSTRAINT notification_delivery_recipient_check
          CHECK ((citizen_id IS NULL) <> (mailbox IS NULL))`);
    await q.query(
      `CREATE UNIQUE INDEX notification_delivery_overdue_once ON notification_delivery (case_id) WHERE template = 'CASE_OVERDUE'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX notification_delivery_overdue_once');
    await q.query('DELETE FROM notification_delivery WHERE citizen_id IS NULL');
    await q.query(`
      ALTER TABLE notification_delivery
        DROP CONSTRAINT notification_delivery_recipient_check,
        DROP COLUMN mailbox,
        ALTER COLUMN citizen_id SET NOT NULL`);
  }
}
