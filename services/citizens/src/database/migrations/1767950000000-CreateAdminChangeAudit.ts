import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Configuration changes made by admins and supervisors in every service, append-only like
 * `pii_access_audit` (docs/adr/0092).
 */
export class CreateAdminChangeAudit1767950000000 implements MigrationInterface {
  name = 'CreateAdminChangeAudit1767950000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE admin_change_audit (
        id uuid PRIMARY KEY,
        at timestamptz NOT NULL,
        service text NOT NULL,
        actor_sub text,
        actor_roles text[] NOT NULL,
        kind text NOT NULL,
        entity_id text NOT NULL,
        action text NOT NULL,
        changes jsonb NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('CREATE INDEX admin_change_audit_at_idx ON admin_change_audit (at, id)');
    await q.query('CREATE INDEX admin_change_audit_kind_idx ON admin_change_audit (kind, at)');
    await q.query(
      'CREATE INDEX admin_change_audit_actor_idx ON admin_change_audit (actor_sub, at)',
    );
    // Evidence, as the personal-data log: no role the service connects as may rewrite or erase it.
    await q.query(`
      CREATE FUNCTION admin_change_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'admin_change_audit is append-only (% refused)', TG_OP;
      END $$`);
    await q.query(`
      CREATE TRIGGER admin_change_audit_no_update_delete
        BEFORE UPDATE OR DELETE ON admin_change_audit
        FOR EACH ROW EXECUTE FUNCTION admin_change_audit_append_only()`);
    await q.query(`
      CREATE TRIGGER admin_change_audit_no_truncate
        BEFORE TRUNCATE ON admin_change_audit
        FOR EACH STATEMENT EXECUTE FUNCTION admin_change_audit_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE admin_change_audit');
    await q.query('DROP FUNCTION admin_change_audit_append_only()');
  }
}
