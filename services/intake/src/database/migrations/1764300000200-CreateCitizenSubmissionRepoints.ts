import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateCitizenSubmissionRepoints1764300000200 implements MigrationInterface {
  name = 'CreateCitizenSubmissionRepoints1764300000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE citizen_submission_repoint (
        merge_id uuid NOT NULL,
        submission_id uuid NOT NULL,
        from_citizen_id uuid NOT NULL,
        to_citizen_id uuid NOT NULL,
        CONSTRAINT "PK_citizen_submission_repoint" PRIMARY KEY (merge_id, submission_id)
      )`);
    await q.query(
      'CREATE INDEX citizen_submission_repoint_submission_idx ON citizen_submission_repoint (submission_id)',
    );
    await q.query(`
      CREATE TABLE citizen_merge_alias (
        merge_id uuid PRIMARY KEY,
        merged_id uuid NOT NULL,
        survivor_id uuid NOT NULL,
        active boolean NOT NULL DEFAULT true
      )`);
    await q.query('CREATE INDEX citizen_merge_alias_merged_idx ON citizen_merge_alias (merged_id)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE citizen_merge_alias');
    await q.query('DROP TABLE citizen_submission_repoint');
  }
}
