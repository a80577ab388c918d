import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddStatusChangedAtToCaseFacts1764800000500 implements MigrationInterface {
  name = 'AddStatusChangedAtToCaseFacts1764800000500';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE case_fact ADD COLUMN status_changed_at timestamptz');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE case_fact DROP COLUMN status_changed_at');
  }
}
