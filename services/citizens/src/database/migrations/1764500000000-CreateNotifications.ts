import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateNotifications1764500000000 implements MigrationInterface {
  name = 'CreateNotifications1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notification_subscription (
        case_id uuid PRIMARY KEY,
        citizen_id uuid,
        ticket_number text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      'CREATE INDEX notification_subscription_citizen_idx ON notification_subscription (citizen_id)',
    );
    // What happened to a case before its case-opened reached us (events of other streams overtake it).
    await q.query(`
      CREATE TABLE notification_held_moment (
        id uuid PRIMARY KEY,
        case_id uuid NOT NULL,
        template text NOT NULL,
        params jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      'CREATE INDEX notification_held_moment_case_idx ON notification_held_moment (case_id, created_at)',
    );
    await q.query(`
      CREATE TABLE notification_delivery (
        id uuid PRIMARY KEY,
        seq bigserial NOT NULL,
        case_id uuid NOT NULL,
        citizen_id uuid NOT NULL,
        channel text NOT NULL,
        template text NOT NULL,
        language text NOT NULL,
        params jsonb NOT NULL,
        contact_point_id uuid,
        status text NOT NULL,
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        next_attempt_at timestamptz,
        sent_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT notification_delivery_status_check CHECK (status IN ('QUEUED', 'SENT', 'FAILED', 'SKIPPED')),
        CONSTRAINT notification_delivery_channel_check CHECK (channel IN ('EMAIL', 'SMS'))
      )`);
    await q.query(
      'CREATE INDEX notification_delivery_case_idx ON notification_delivery (case_id, seq)',
    );
    await q.query(
      `CREATE INDEX notification_delivery_due_idx ON notification_delivery (next_attempt_at) WHERE status = 'QUEUED'`,
    );
    await q.query(
      `CREATE INDEX notification_delivery_failed_idx ON notification_delivery (updated_at) WHERE status = 'FAILED'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE notification_delivery');
    await q.query('DROP TABLE notification_held_moment');
    await q.query('DROP TABLE notification_subscription');
  }
}
