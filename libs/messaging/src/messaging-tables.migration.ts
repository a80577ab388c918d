import type { MigrationInterface, QueryRunner } from 'typeorm';
import { InboxMessage } from './inbox.entity.js';
import { OutboxMessage } from './outbox.entity.js';

/** Entities every service that uses the bus registers with its data source. */
export const MESSAGING_ENTITIES = [OutboxMessage, InboxMessage];

/** The outbox and inbox tables; every service lists this migration first. */
export class CreateMessagingTables1764000000000 implements MigrationInterface {
  name = 'CreateMessagingTables1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE outbox (
        id uuid PRIMARY KEY,
        seq bigserial NOT NULL,
        subject text NOT NULL,
        envelope jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        published_at timestamptz
      )`);
    await q.query('CREATE INDEX outbox_unpublished ON outbox (seq) WHERE published_at IS NULL');
    await q.query(`
      CREATE TABLE inbox (
        consumer text NOT NULL,
        message_id uuid NOT NULL,
        processed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consumer, message_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE inbox');
    await q.query('DROP TABLE outbox');
  }
}
