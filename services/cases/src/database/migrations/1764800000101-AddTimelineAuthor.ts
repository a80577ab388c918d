import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddTimelineAuthor1764800000101 implements MigrationInterface {
  name = 'AddTimelineAuthor1764800000101';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE timeline_entry ADD COLUMN author text');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE timeline_entry DROP COLUMN author');
  }
}
