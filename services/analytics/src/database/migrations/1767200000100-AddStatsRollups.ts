import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the figures for managers need (docs/adr/0056): the district, a grid cell instead of a
 * location, reopenings and duplicate closures on each fact; a daily rollup the consumers keep in
 * the same transaction; BRIN indexes on the facts' times and a partial index on open cases.
 */
export class AddStatsRollups1767200000100 implements MigrationInterface {
  name = 'AddStatsRollups1767200000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE case_fact ADD COLUMN district_code text');
    await q.query('ALTER TABLE case_fact ADD COLUMN cell_latitude double precision');
    await q.query('ALTER TABLE case_fact ADD COLUMN cell_longitude double precision');
    await q.query(
      "ALTER TABLE case_fact ADD COLUMN reopened_at timestamptz[] NOT NULL DEFAULT '{}'",
    );
    await q.query('ALTER TABLE case_fact ADD COLUMN duplicate boolean NOT NULL DEFAULT false');
    await q.query('CREATE INDEX case_fact_opened_at_brin ON case_fact USING brin (opened_at)');
    await q.query('CREATE INDEX case_fact_closed_at_brin ON case_fact USING brin (closed_at)');
    await q.query(
      "CREATE INDEX case_fact_open_due_idx ON case_fact (due_at) WHERE status <> 'CLOSED'",
    );
    await q.query(
      'CREATE INDEX status_transition_case_idx ON status_transition (case_id, changed_at)',
    );
    await q.query(`CREATE TABLE case_daily (
      day date NOT NULL,
      department_code text NOT NULL,
      service_code text NOT NULL,
      district_code text NOT NULL,
      channel text NOT NULL,
      priority text NOT NULL,
      history boolean NOT NULL,
      received integer NOT NULL DEFAULT 0,
      still_open integer NOT NULL DEFAULT 0,
      closed integer NOT NULL DEFAULT 0,
      reopened integer NOT NULL DEFAULT 0,
      sla_met integer NOT NULL DEFAULT 0,
      sla_missed integer NOT NULL DEFAULT 0,
      hours_to_close_sum double precision NOT NULL DEFAULT 0,
      became_overdue integer NOT NULL DEFAULT 0,
      overdue_ended integer NOT NULL DEFAULT 0,
      CONSTRAINT case_daily_pkey PRIMARY KEY
        (day, department_code, service_code, district_code, channel, priority, history)
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE case_daily');
    await q.query('DROP INDEX status_transition_case_idx');
    await q.query('DROP INDEX case_fact_open_due_idx');
    await q.query('DROP INDEX case_fact_closed_at_brin');
    await q.query('DROP INDEX case_fact_opened_at_brin');
    await q.query('ALTER TABLE case_fact DROP COLUMN duplicate');
    await q.query('ALTER TABLE case_fact DROP COLUMN reopened_at');
    await q.query('ALTER TABLE case_fact DROP COLUMN cell_longitude');
    await q.query('ALTER TABLE case_fact DROP COLUMN cell_latitude');
    await q.query('ALTER TABLE case_fact DROP COLUMN district_code');
  }
}
