import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Deadlines of live cases for routing's escalation timer (docs/adr/0058): one AT_RISK and one
 * OVERDUE row per live case routed from now on, PENDING until fired once or cancelled by the case
 * closing. Cases routed before it are not armed: routing cannot tell which of them are closed or
 * imported, and escalating those would be worse than missing them.
 */
export class CreateSlaDeadlines1767410000000 implements MigrationInterface {
  name = 'CreateSlaDeadlines1767410000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE sla_deadline (
        case_id uuid NOT NULL,
        kind text NOT NULL,
        due_at timestamptz NOT NULL,
        state text NOT NULL,
        fired_at timestamptz,
        CONSTRAINT sla_deadline_pkey PRIMARY KEY (case_id, kind),
        CONSTRAINT sla_deadline_kind_check CHECK (kind IN ('AT_RISK', 'OVERDUE')),
        CONSTRAINT sla_deadline_state_check CHECK (state IN ('PENDING', 'FIRED', 'CANCELLED'))
      )`);
    await q.query(
      `CREATE INDEX sla_deadline_pending_idx ON sla_deadline (due_at) WHERE state = 'PENDING'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE sla_deadline');
  }
}
