import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateInteractions1764200000100 implements MigrationInterface {
  name = 'CreateInteractions1764200000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE interaction (
        id uuid PRIMARY KEY,
        case_id uuid NOT NULL,
        channel text NOT NULL,
        summary text NOT NULL,
        visibility text NOT NULL,
        citizen_id uuid,
        logged_by text,
        idempotency_key text,
        at timestamptz NOT NULL,
        CONSTRAINT interaction_case_id_fkey FOREIGN KEY (case_id) REFERENCES service_case (id),
        CONSTRAINT interaction_idempotency_key_key UNIQUE (idempotency_key),
        CONSTRAINT interaction_visibility_check CHECK (visibility IN ('PUBLIC', 'INTERNAL'))
      )`);
    await q.query('CREATE INDEX interaction_case ON interaction (case_id, at)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE interaction');
  }
}
