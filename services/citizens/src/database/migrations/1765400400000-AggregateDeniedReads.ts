import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Refused reads of personal data may be folded into one entry per window (docs/adr/0045):
 * `occurrences` counts the refusals an entry stands for, `last_at` is the last of them, and an
 * entry for anonymous refusals of several residents names none. Only DENIED entries fold; the
 * table stays append-only (its triggers are untouched).
 */
export class AggregateDeniedReads1765400400000 implements MigrationInterface {
  name = 'AggregateDeniedReads1765400400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE pii_access_audit
        ADD COLUMN occurrences integer NOT NULL DEFAULT 1,
        ADD COLUMN last_at timestamptz,
        ALTER COLUMN citizen_id DROP NOT NULL,
        ADD CONSTRAINT pii_access_audit_occurrences_check
          CHECK (occurrences >= 1 AND (occurrences = 1 OR outcome = 'DENIED')),
        ADD CONSTRAINT pii_access_audit_citizen_check
          CHECK (citizen_id IS NOT NULL OR outcome = 'DENIED')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE pii_access_audit
        DROP CONSTRAINT pii_access_audit_citizen_check,
        DROP CONSTRAINT pii_access_audit_occurrences_check,
        DROP COLUMN last_at,
        DROP COLUMN occurrences`);
  }
}
