import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateErasedCitizens1764600000100 implements MigrationInterface {
  name = 'CreateErasedCitizens1764600000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE erased_citizen (
        citizen_id uuid PRIMARY KEY,
        erased_at timestamptz NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE erased_citizen');
  }
}
