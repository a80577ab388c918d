import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Status changes heard for a case routing has not routed yet (docs/adr/0080): kept until routing
 * arms the case's deadlines, then applied to them in the order they were made, so a case put on
 * hold (or closed) before its routing was recorded is paused (or never escalates).
 */
export class CreateStatusChangesAheadOfRouting1767700400100 implements MigrationInterface {
  name = 'CreateStatusChangesAheadOfRouting1767700400100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE status_change_ahead (
        case_id uuid NOT NULL,
        changed_at timestamptz NOT NULL,
        from_status text NOT NULL,
        to_status text NOT NULL,
        CONSTRAINT status_change_ahead_pkey PRIMARY KEY (case_id, changed_at, from_status, to_status)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE status_change_ahead');
  }
}
