import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The place's id in the jurisdiction's address repository (Open311 `address_id`). */
export class AddCaseAddressId1765000000100 implements MigrationInterface {
  name = 'AddCaseAddressId1765000000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE service_case ADD COLUMN address_id text');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE service_case DROP COLUMN address_id');
  }
}
