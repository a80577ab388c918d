import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Intake's own copy of routing's service definitions, kept from `service-definition-changed`:
 * reports are validated against it, so they are accepted while routing is down (docs/adr/0069).
 */
export class CreateServiceDefinitions1767610000100 implements MigrationInterface {
  name = 'CreateServiceDefinitions1767610000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE service_definition (
        code text PRIMARY KEY,
        version integer NOT NULL,
        active boolean NOT NULL,
        definition jsonb NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE service_definition');
  }
}
