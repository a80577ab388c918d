import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateCatalog1764000000100 implements MigrationInterface {
  name = 'CreateCatalog1764000000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE department (
        id uuid PRIMARY KEY,
        code text NOT NULL UNIQUE,
        name text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE queue (
        code text PRIMARY KEY,
        department_code text NOT NULL REFERENCES department (code),
        name text NOT NULL,
        priority boolean NOT NULL DEFAULT false
      )`);
    await q.query(`
      CREATE TABLE service (
        code text PRIMARY KEY,
        name text NOT NULL,
        description text NOT NULL DEFAULT '',
        group_name text NOT NULL,
        keywords text[] NOT NULL DEFAULT '{}',
        type text NOT NULL DEFAULT 'realtime',
        department_code text NOT NULL REFERENCES department (code),
        default_priority text NOT NULL,
        target_hours integer NOT NULL CHECK (target_hours > 0),
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE case_routing (
        case_id uuid PRIMARY KEY,
        ticket_number text NOT NULL,
        service_code text NOT NULL,
        department_code text NOT NULL,
        queue_code text NOT NULL,
        priority text NOT NULL,
        target_hours integer NOT NULL,
        opened_at timestamptz NOT NULL,
        due_at timestamptz NOT NULL,
        routed_at timestamptz NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE case_routing');
    await q.query('DROP TABLE service');
    await q.query('DROP TABLE queue');
    await q.query('DROP TABLE department');
  }
}
