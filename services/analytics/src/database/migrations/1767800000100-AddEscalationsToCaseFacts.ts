import type { MigrationInterface, QueryRunner } from 'typeorm';

const ROLLUPS = [
  'case_daily',
  'case_daily_service',
  'case_daily_district',
  'case_daily_department',
  'case_daily_department_service',
  'case_monthly_department',
  'case_monthly_department_service',
  'case_monthly_district',
  'case_monthly_service',
];

/**
 * Escalations in the figures (docs/adr/0084): when routing's deadline timer escalated each case,
 * and per rollup row how many cases were escalated that day (or month). Nothing escalated before
 * is known here: the new consumer delivers all, so the stream's escalations fill it in.
 */
export class AddEscalationsToCaseFacts1767800000100 implements MigrationInterface {
  name = 'AddEscalationsToCaseFacts1767800000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE case_fact ADD COLUMN escalated_at timestamptz');
    for (const table of ROLLUPS) {
      await q.query(`ALTER TABLE ${table} ADD COLUMN escalated integer NOT NULL DEFAULT 0`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ROLLUPS) {
      await q.query(`ALTER TABLE ${table} DROP COLUMN escalated`);
    }
    await q.query('ALTER TABLE case_fact DROP COLUMN escalated_at');
  }
}
