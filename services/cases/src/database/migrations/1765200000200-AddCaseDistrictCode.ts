import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The district routing placed a case in (routing's districts, docs/districts.md). */
export class AddCaseDistrictCode1765200000200 implements MigrationInterface {
  name = 'AddCaseDistrictCode1765200000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE service_case ADD COLUMN district_code text');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE service_case DROP COLUMN district_code');
  }
}
