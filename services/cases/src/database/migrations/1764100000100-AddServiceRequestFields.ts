import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddServiceRequestFields1764100000100 implements MigrationInterface {
  name = 'AddServiceRequestFields1764100000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE service_case
        ADD COLUMN attributes jsonb,
        ADD COLUMN private boolean NOT NULL DEFAULT false`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE service_case DROP COLUMN private, DROP COLUMN attributes');
  }
}
