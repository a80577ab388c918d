import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A delivery being sent is claimed until a time (docs/adr/0093): the claim commits before the
 * message goes, and the outcome is recorded after it in a transaction of its own, so a database
 * going away while a message is in flight no longer sends it again.
 */
export class ClaimNotificationsWhileSending1767960000000 implements MigrationInterface {
  name = 'ClaimNotificationsWhileSending1767960000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE notification_delivery ADD COLUMN claimed_until timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE notification_delivery DROP COLUMN claimed_until`);
  }
}
