import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A signed-in resident's list (`myRequests`, docs/adr/0096) shows what they submitted before its
 * case is open: submissions entered under their sign-in and not yet attributed, newest first.
 * Partial, so only submissions without a resident are in it (the few not yet opened, and
 * anonymous ones).
 */
export class IndexUnopenedSubmissionsBySignIn1767980000000 implements MigrationInterface {
  name = 'IndexUnopenedSubmissionsBySignIn1767980000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX submission_unattributed_sub_idx
         ON submission (submitted_by_sub, received_at DESC, ticket_number COLLATE "C" DESC)
         WHERE citizen_id IS NULL AND submitted_by_sub IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX submission_unattributed_sub_idx');
  }
}
