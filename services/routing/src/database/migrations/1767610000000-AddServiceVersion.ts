import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A service's version, one more at every change of its definition: it rides
 * `service-definition-changed`, so intake's copy never lets an older state replace a newer one
 * (docs/adr/0069).
 */
export class AddServiceVersion1767610000000 implements MigrationInterface {
  name = 'AddServiceVersion1767610000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE service ADD COLUMN version integer NOT NULL DEFAULT 1`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE service DROP COLUMN version`);
  }
}
