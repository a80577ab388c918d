import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddClosureToCaseFacts1764400000200 implements MigrationInterface {
  name = 'AddClosureToCaseFacts1764400000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE case_fact ADD COLUMN closed_at timestamptz');
    await q.query('ALTER TABLE case_fact ADD COLUMN legacy_source text');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE case_fact DROP COLUMN legacy_source');
    await q.query('ALTER TABLE case_fact DROP COLUMN closed_at');
  }
}
