import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddCaseMediaUrl1764700000100 implements MigrationInterface {
  name = 'AddCaseMediaUrl1764700000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE service_case ADD COLUMN media_url text');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE service_case DROP COLUMN media_url');
  }
}
