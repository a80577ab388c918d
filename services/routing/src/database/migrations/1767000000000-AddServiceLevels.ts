import type { MigrationInterface, QueryRunner } from 'typeorm';
import { usFederalHolidays } from '../../calendars/index.js';

const WEEKDAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY'];

/**
 * Business calendars and service levels in business time (docs/adr/0054): the `default` calendar
 * (Mon-Fri 08:00-17:00 in New York, the U.S. federal holidays observed in 2026 and 2027), each
 * department's calendar, each service's clock, and each routed case's clock and at-risk time.
 * Services and routed cases already there keep CALENDAR hours, so no due time changes.
 */
export class AddServiceLevels1767000000000 implements MigrationInterface {
  name = 'AddServiceLevels1767000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE business_calendar (
        code text PRIMARY KEY,
        time_zone text NOT NULL,
        hours jsonb NOT NULL,
        holidays jsonb NOT NULL DEFAULT '[]',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // New Year's Day 2028 falls on a Saturday: offices close on Friday 2027-12-31.
    const holidays = [2026, 2027, 2028]
      .flatMap(usFederalHolidays)
      .filter((h) => h.date >= '2026-01-01' && h.date <= '2027-12-31');
    await q.query(
      `INSERT INTO business_calendar (code, time_zone, hours, holidays)
       VALUES ('default', 'America/New_York', $1::jsonb, $2::jsonb)`,
      [
        JSON.stringify(WEEKDAYS.map((day) => ({ day, opens: '08:00', closes: '17:00' }))),
        JSON.stringify(holidays),
      ],
    );
    await q.query(`
      ALTER TABLE department ADD COLUMN calendar_code text NOT NULL DEFAULT 'default'
        CONSTRAINT department_calendar_code_fkey REFERENCES business_calendar (code)`);
    await q.query(`
      ALTER TABLE service
        ADD COLUMN sla_clock text NOT NULL DEFAULT 'CALENDAR',
        ADD COLUMN pauses_on_hold boolean NOT NULL DEFAULT false`);
    await q.query(`
      ALTER TABLE case_routing
        ADD COLUMN sla_clock text NOT NULL DEFAULT 'CALENDAR',
        ADD COLUMN at_risk_at timestamptz`);
    await q.query('UPDATE case_routing SET at_risk_at = opened_at + (due_at - opened_at) * 0.8');
    await q.query(`
      ALTER TABLE case_routing
        ALTER COLUMN sla_clock DROP DEFAULT,
        ALTER COLUMN at_risk_at SET NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE case_routing DROP COLUMN at_risk_at, DROP COLUMN sla_clock');
    await q.query('ALTER TABLE service DROP COLUMN pauses_on_hold, DROP COLUMN sla_clock');
    await q.query('ALTER TABLE department DROP COLUMN calendar_code');
    await q.query('DROP TABLE business_calendar');
  }
}
