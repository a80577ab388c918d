import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Who entered a submission: the staff member's subject, or the API client (Open311 key). */
export class AddSubmittedBy1764700000000 implements MigrationInterface {
  name = 'AddSubmittedBy1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE submission ADD COLUMN submitted_by_sub text');
    await q.query('ALTER TABLE submission ADD COLUMN submitted_by_client text');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE submission DROP COLUMN submitted_by_client');
    await q.query('ALTER TABLE submission DROP COLUMN submitted_by_sub');
  }
}
