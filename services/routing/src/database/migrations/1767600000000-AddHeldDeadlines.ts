import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A deadline can be HELD (docs/adr/0068): the case went ON_HOLD and its service pauses on hold, so
 * the time that was left (`held_ms`, in the target's clock) is kept and counted on when it leaves
 * hold. A held deadline is not PENDING, so the timer's partial index never sees it.
 */
export class AddHeldDeadlines1767600000000 implements MigrationInterface {
  name = 'AddHeldDeadlines1767600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE sla_deadline
        ADD COLUMN held_ms bigint,
        ADD COLUMN held_at timestamptz,
        DROP CONSTRAINT sla_deadline_state_check,
        ADD CONSTRAINT sla_deadline_state_check
          CHECK (state IN ('PENDING', 'FIRED', 'CANCELLED', 'HELD')),
        ADD CONSTRAINT sla_deadline_held_check CHECK ((state = 'HELD') = (held_ms IS NOT NULL))`);
  }

  async down(q: QueryRunner): Promise<void> {
    // A held deadline goes back to counting from where it stood (PENDING at its old due time).
    await q.query(`UPDATE sla_deadline SET state = 'PENDING' WHERE state = 'HELD'`);
    await q.query(`
      ALTER TABLE sla_deadline
        DROP CONSTRAINT sla_deadline_held_check,
        DROP CONSTRAINT sla_deadline_state_check,
        ADD CONSTRAINT sla_deadline_state_check
          CHECK (state IN ('PENDING', 'FIRED', 'CANCELLED')),
        DROP COLUMN held_at,
        DROP COLUMN held_ms`);
  }
}
