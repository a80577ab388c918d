import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Residents' answers to the closure survey, one per survey link (docs/adr/0060). */
export class CreateCaseSatisfactionAnswers1767430000100 implements MigrationInterface {
  name = 'CreateCaseSatisfactionAnswers1767430000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE case_satisfaction_answer (
      link_id uuid PRIMARY KEY,
      case_id uuid NOT NULL,
      score smallint NOT NULL,
      comment text,
      answered_at timestamptz NOT NULL,
      CONSTRAINT case_satisfaction_answer_case_id_fkey FOREIGN KEY (case_id) REFERENCES service_case (id),
      CONSTRAINT case_satisfaction_answer_score_check CHECK (score BETWEEN 1 AND 5)
    )`);
    await q.query(
      'CREATE INDEX case_satisfaction_answer_case_idx ON case_satisfaction_answer (case_id, answered_at)',
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE case_satisfaction_answer');
  }
}
