import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A held phase on the case facts (docs/adr/0080): since when a case's service-level clock is
 * paused on hold, and the instant of the last move of its deadlines routing reported. Nothing was
 * recorded as held before, so every rollup stays what it is.
 */
export class AddHeldPhaseToCaseFacts1767700400000 implements MigrationInterface {
  name = 'AddHeldPhaseToCaseFacts1767700400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE case_fact
      ADD COLUMN sla_held_since timestamptz,
      ADD COLUMN sla_moved_at timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE case_fact DROP COLUMN sla_held_since, DROP COLUMN sla_moved_at');
  }
}
