import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Replies owed to people who e-mailed 311, queued with what they answer (docs/adr/0021). */
export class CreateEmailReplies1765000000200 implements MigrationInterface {
  name = 'CreateEmailReplies1765000000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE email_reply (
        id uuid PRIMARY KEY,
        ticket_number text NOT NULL,
        idempotency_key text UNIQUE,
        message_sealed text,
        status text NOT NULL,
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        next_attempt_at timestamptz,
        sent_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT email_reply_status_check CHECK (status IN ('QUEUED', 'SENT', 'FAILED'))
      )`);
    await q.query(
      `CREATE INDEX email_reply_due_idx ON email_reply (next_attempt_at) WHERE status = 'QUEUED'`,
    );
    await q.query(
      `CREATE INDEX email_reply_failed_idx ON email_reply (updated_at) WHERE status = 'FAILED'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE email_reply');
  }
}
