import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Whether a submission was private when accepted, so intake can say what is known of a ticket
 * before its case is open (docs/adr/0070). Earlier rows stay null: read as private.
 */
export class RecordSubmissionPrivacy1767620000000 implements MigrationInterface {
  name = 'RecordSubmissionPrivacy1767620000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE submission ADD COLUMN private boolean');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE submission DROP COLUMN private');
  }
}
