import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The service-level target routing gives a case (docs/adr/0054): its clock, hours and at-risk
 * time beside the due time. Cases routed before kept CALENDAR hours from opening; they are read
 * so, at risk 80% of the way.
 */
export class AddCaseServiceLevels1767000000100 implements MigrationInterface {
  name = 'AddCaseServiceLevels1767000000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE service_case
        ADD COLUMN sla_clock text,
        ADD COLUMN sla_hours integer,
        ADD COLUMN at_risk_at timestamptz`);
    // A one-off backfill of the new columns as the schema changes, not a write of the running
    // service (ADR 0027 governs those).
    // eslint-disable-next-line no-restricted-syntax
    await q.query(`
      UPDATE service_case SET
        sla_clock = 'CALENDAR',
        sla_hours = greatest(1, round(extract(epoch FROM due_at - opened_at) / 3600)),
        at_risk_at = opened_at + (due_at - opened_at) * 0.8
      WHERE due_at IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE service_case
        DROP COLUMN at_risk_at,
        DROP COLUMN sla_hours,
        DROP COLUMN sla_clock`);
  }
}
