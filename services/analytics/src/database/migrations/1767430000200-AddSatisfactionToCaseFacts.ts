import type { MigrationInterface, QueryRunner } from 'typeorm';

const ROLLUPS = ['case_daily', 'case_daily_service', 'case_daily_district'];

/**
 * Closure survey answers in the figures (docs/adr/0060): each case's latest score and when it was
 * given, and per rollup day their sum and count. Nothing answered before: every figure starts at 0.
 */
export class AddSatisfactionToCaseFacts1767430000200 implements MigrationInterface {
  name = 'AddSatisfactionToCaseFacts1767430000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE case_fact
      ADD COLUMN satisfaction_score smallint,
      ADD COLUMN satisfaction_at timestamptz`);
    for (const table of ROLLUPS) {
      await q.query(`ALTER TABLE ${table}
        ADD COLUMN satisfaction_sum integer NOT NULL DEFAULT 0,
        ADD COLUMN satisfaction_responses integer NOT NULL DEFAULT 0`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ROLLUPS) {
      await q.query(
        `ALTER TABLE ${table} DROP COLUMN satisfaction_sum, DROP COLUMN satisfaction_responses`,
      );
    }
    await q.query(
      'ALTER TABLE case_fact DROP COLUMN satisfaction_score, DROP COLUMN satisfaction_at',
    );
  }
}
