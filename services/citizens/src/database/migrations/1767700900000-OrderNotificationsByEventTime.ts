import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A delivery and a held moment record when the event that caused them happened, so a case's
 * messages to one resident go out in the order things happened, not the order separate consumers
 * recorded them (docs/adr/0083). Rows from before take the time they were recorded.
 */
export class OrderNotificationsByEventTime1767700900000 implements MigrationInterface {
  name = 'OrderNotificationsByEventTime1767700900000';

  async up(q: QueryRunner): Promise<void> {
    for (const table of ['notification_delivery', 'notification_held_moment']) {
      await q.query(`ALTER TABLE ${table} ADD COLUMN event_at timestamptz`);
      await q.query(`UPDATE ${table} SET event_at = created_at`);
      await q.query(`ALTER TABLE ${table} ALTER COLUMN event_at SET NOT NULL`);
    }
    await q.query(
      `CREATE INDEX notification_delivery_queued_order_idx ON notification_delivery (case_id, citizen_id, event_at, seq) WHERE status = 'QUEUED'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX notification_delivery_queued_order_idx');
    for (const table of ['notification_delivery', 'notification_held_moment']) {
      await q.query(`ALTER TABLE ${table} DROP COLUMN event_at`);
    }
  }
}
