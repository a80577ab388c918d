import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Routing rules, every version of each (docs/adr/0055), and the rule that routed each case
 * (its id and name as they were then: no foreign key, a decision outlives its rule).
 */
export class CreateRoutingRules1767100000100 implements MigrationInterface {
  name = 'CreateRoutingRules1767100000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE routing_rule (
        id uuid NOT NULL,
        name text NOT NULL,
        position integer NOT NULL,
        enabled boolean NOT NULL DEFAULT true,
        conditions jsonb NOT NULL,
        department_code text NOT NULL,
        queue_code text,
        priority text,
        sla_hours integer,
        version integer NOT NULL,
        updated_by text,
        updated_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT routing_rule_pkey PRIMARY KEY (id),
        CONSTRAINT routing_rule_department_code_fkey FOREIGN KEY (department_code) REFERENCES department (code),
        CONSTRAINT routing_rule_queue_code_fkey FOREIGN KEY (queue_code) REFERENCES queue (code),
        CONSTRAINT routing_rule_sla_hours_check CHECK (sla_hours > 0)
      )`);
    await q.query('CREATE INDEX routing_rule_position_idx ON routing_rule (position)');
    await q.query(`
      CREATE TABLE routing_rule_version (
        rule_id uuid NOT NULL,
        version integer NOT NULL,
        change text NOT NULL,
        name text NOT NULL,
        position integer NOT NULL,
        enabled boolean NOT NULL,
        conditions jsonb NOT NULL,
        department_code text NOT NULL,
        queue_code text,
        priority text,
        sla_hours integer,
        changed_by text,
        changed_at timestamptz NOT NULL,
        CONSTRAINT routing_rule_version_pkey PRIMARY KEY (rule_id, version),
        CONSTRAINT routing_rule_version_change_check CHECK (change IN ('CREATED', 'UPDATED', 'DELETED'))
      )`);
    await q.query('ALTER TABLE case_routing ADD COLUMN rule_id uuid');
    await q.query('ALTER TABLE case_routing ADD COLUMN rule_name text');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE case_routing DROP COLUMN rule_name');
    await q.query('ALTER TABLE case_routing DROP COLUMN rule_id');
    await q.query('DROP TABLE routing_rule_version');
    await q.query('DROP TABLE routing_rule');
  }
}
