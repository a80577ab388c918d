import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Failed replies to e-mail keep their sealed message for a while so staff can send them again,
 * and say when they failed and which submission they answer (for erasure). docs/adr/0021.
 */
export class KeepFailedEmailReplies1765200000300 implements MigrationInterface {
  name = 'KeepFailedEmailReplies1765200000300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE email_reply ADD COLUMN failed_at timestamptz`);
    await q.query(`ALTER TABLE email_reply ADD COLUMN submission_id uuid`);
    // Until now a reply's last change was its failure.
    await q.query(`UPDATE email_reply SET failed_at = updated_at WHERE status = 'FAILED'`);
    // A reply to a new submission shares its Message-ID key (the submission's is cut at 200).
    await q.query(`
      UPDATE email_reply r SET submission_id = s.id
        FROM submission s
       WHERE s.idempotency_key = left(r.idempotency_key, 200)
         AND s.ticket_number = r.ticket_number`);
    await q.query('DROP INDEX email_reply_failed_idx');
    await q.query(
      `CREATE INDEX email_reply_failed_idx ON email_reply (failed_at, id) WHERE status = 'FAILED'`,
    );
    // The dispatcher's round looks for kept messages past their time: only those are indexed.
    await q.query(
      `CREATE INDEX email_reply_kept_idx ON email_reply (failed_at)
        WHERE status = 'FAILED' AND message_sealed IS NOT NULL`,
    );
    await q.query(`CREATE INDEX email_reply_submission_idx ON email_reply (submission_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX email_reply_submission_idx');
    await q.query('DROP INDEX email_reply_kept_idx');
    await q.query('DROP INDEX email_reply_failed_idx');
    await q.query(
      `CREATE INDEX email_reply_failed_idx ON email_reply (updated_at) WHERE status = 'FAILED'`,
    );
    // The earlier design kept no message once a reply had failed.
    await q.query(`UPDATE email_reply SET message_sealed = NULL WHERE status = 'FAILED'`);
    await q.query('ALTER TABLE email_reply DROP COLUMN submission_id');
    await q.query('ALTER TABLE email_reply DROP COLUMN failed_at');
  }
}
