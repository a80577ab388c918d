import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateSubmissions1764000000200 implements MigrationInterface {
  name = 'CreateSubmissions1764000000200';

  async up(q: QueryRunner): Promise<void> {
    // Ticket numbers come from a sequence so they are short, unique and never reused.
    await q.query('CREATE SEQUENCE ticket_number_seq START 1');
    await q.query(`
      CREATE TABLE submission (
        id uuid PRIMARY KEY,
        ticket_number text NOT NULL UNIQUE,
        channel text NOT NULL,
        service_code text NOT NULL,
        idempotency_key text UNIQUE,
        payload_sealed text NOT NULL,
        emergency boolean NOT NULL DEFAULT false,
        service_notice text,
        citizen_id uuid,
        received_at timestamptz NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE submission');
    await q.query('DROP SEQUENCE ticket_number_seq');
  }
}
