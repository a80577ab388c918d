import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The rollups are folded behind the facts (docs/adr/0087): a consumer's write notes, for each
 * fact it changes, the fact as the rollups count it (its row before the first change not folded
 * yet); a worker folds the difference between that and the fact as it is into every rollup, many
 * cases per statement. Nothing is pending when this runs: every rollup already is its facts' sum.
 */
export class FoldRollupsBehindTheFacts1767840000000 implements MigrationInterface {
  name = 'FoldRollupsBehindTheFacts1767840000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE rollup_pending (
        case_id uuid PRIMARY KEY,
        counted jsonb NOT NULL,
        noted_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE rollup_pending');
  }
}
