import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateCitizenCaseRepoints1764300000100 implements MigrationInterface {
  name = 'CreateCitizenCaseRepoints1764300000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE citizen_case_repoint (
        merge_id uuid NOT NULL,
        case_id uuid NOT NULL,
        from_citizen_id uuid NOT NULL,
        to_citizen_id uuid NOT NULL,
        CONSTRAINT "PK_citizen_case_repoint" PRIMARY KEY (merge_id, case_id)
      )`);
    await q.query('CREATE INDEX citizen_case_repoint_case_idx ON citizen_case_repoint (case_id)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE citizen_case_repoint');
  }
}
