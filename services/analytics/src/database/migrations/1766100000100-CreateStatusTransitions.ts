import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateStatusTransitions1766100000100 implements MigrationInterface {
  name = 'CreateStatusTransitions1766100000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE status_transition (
      event_id uuid PRIMARY KEY,
      case_id uuid NOT NULL,
      from_status text NOT NULL,
      to_status text NOT NULL,
      changed_at timestamptz NOT NULL
    )`);
    await q.query(
      'CREATE INDEX status_transition_from_to_idx ON status_transition (from_status, to_status)',
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE status_transition');
  }
}
