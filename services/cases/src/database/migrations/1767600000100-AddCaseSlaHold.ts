import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A case's clock paused on hold (docs/adr/0068), as routing's `case-deadlines-moved` says: since
 * when (null while it runs), the minutes of the target's clock left then, and the instant of the
 * last move recorded, so a late, older move never undoes a newer one.
 */
export class AddCaseSlaHold1767600000100 implements MigrationInterface {
  name = 'AddCaseSlaHold1767600000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE service_case
        ADD COLUMN sla_held_since timestamptz,
        ADD COLUMN sla_held_minutes integer,
        ADD COLUMN sla_moved_at timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE service_case
        DROP COLUMN sla_held_since, DROP COLUMN sla_held_minutes, DROP COLUMN sla_moved_at`);
  }
}
