import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateServiceAttributes1764200000000 implements MigrationInterface {
  name = 'CreateServiceAttributes1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE service_attribute (
        service_code text NOT NULL,
        code text NOT NULL,
        variable boolean NOT NULL DEFAULT true,
        datatype text NOT NULL,
        required boolean NOT NULL DEFAULT false,
        datatype_description text NOT NULL DEFAULT '',
        "order" integer NOT NULL,
        description text NOT NULL DEFAULT '',
        "values" jsonb NOT NULL,
        CONSTRAINT service_attribute_pkey PRIMARY KEY (service_code, code),
        CONSTRAINT service_attribute_order_key UNIQUE (service_code, "order"),
        CONSTRAINT service_attribute_service_code_fkey FOREIGN KEY (service_code) REFERENCES service (code) ON DELETE CASCADE,
        CONSTRAINT service_attribute_datatype_check
          CHECK (datatype IN ('string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist'))
      )`);
    // Set once an administrator edits a service's attributes: the sample seed then leaves them alone.
    await q.query(
      'ALTER TABLE service ADD COLUMN attributes_customised boolean NOT NULL DEFAULT false',
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE service DROP COLUMN attributes_customised');
    await q.query('DROP TABLE service_attribute');
  }
}
