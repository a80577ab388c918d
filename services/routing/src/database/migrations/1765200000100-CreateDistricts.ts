import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Districts and their GeoJSON boundaries; the district each routed case was placed in. */
export class CreateDistricts1765200000100 implements MigrationInterface {
  name = 'CreateDistricts1765200000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE district (
        code text PRIMARY KEY,
        name text NOT NULL,
        geometry jsonb NOT NULL,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // No foreign key: a decision keeps the district it was given, whatever becomes of it.
    await q.query('ALTER TABLE case_routing ADD COLUMN district_code text');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE case_routing DROP COLUMN district_code');
    await q.query('DROP TABLE district');
  }
}
