import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateCaseFacts1764000000500 implements MigrationInterface {
  name = 'CreateCaseFacts1764000000500';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE case_fact (
        case_id uuid PRIMARY KEY,
        ticket_number text NOT NULL,
        service_code text NOT NULL,
        channel text,
        department_code text,
        priority text,
        opened_at timestamptz,
        routed_at timestamptz,
        due_at timestamptz,
        status text NOT NULL DEFAULT 'OPEN'
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE case_fact');
  }
}
