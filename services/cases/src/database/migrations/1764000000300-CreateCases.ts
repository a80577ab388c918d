import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateCases1764000000300 implements MigrationInterface {
  name = 'CreateCases1764000000300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE service_case (
        id uuid PRIMARY KEY,
        ticket_number text NOT NULL UNIQUE,
        submission_id uuid NOT NULL UNIQUE,
        service_code text NOT NULL,
        channel text NOT NULL,
        status text NOT NULL,
        priority text,
        department_code text,
        queue_code text,
        due_at timestamptz,
        reporter_id uuid,
        description text,
        latitude double precision,
        longitude double precision,
        address text,
        emergency boolean NOT NULL DEFAULT false,
        opened_at timestamptz NOT NULL,
        routed_at timestamptz,
        closed_at timestamptz,
        updated_at timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE timeline_entry (
        id uuid PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES service_case (id),
        at timestamptz NOT NULL,
        kind text NOT NULL,
        visibility text NOT NULL,
        summary text NOT NULL
      )`);
    await q.query('CREATE INDEX timeline_entry_case ON timeline_entry (case_id, at)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE timeline_entry');
    await q.query('DROP TABLE service_case');
  }
}
