import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateCitizens1764000000300 implements MigrationInterface {
  name = 'CreateCitizens1764000000300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE citizen (
        id uuid PRIMARY KEY,
        kind text NOT NULL DEFAULT 'PERSON',
        first_name_enc text,
        last_name_enc text,
        email_enc text,
        phone_enc text,
        email_hash text,
        phone_hash text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('CREATE INDEX citizen_email_hash_idx ON citizen (email_hash)');
    await q.query('CREATE INDEX citizen_phone_hash_idx ON citizen (phone_hash)');
    await q.query(`
      CREATE TABLE pii_access_audit (
        id uuid PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        actor_sub text,
        actor_roles text[] NOT NULL,
        citizen_id uuid NOT NULL,
        fields text[] NOT NULL,
        purpose text,
        outcome text NOT NULL,
        CONSTRAINT pii_access_audit_outcome_check CHECK (outcome IN ('GRANTED', 'DENIED'))
      )`);
    await q.query('CREATE INDEX pii_access_audit_citizen_idx ON pii_access_audit (citizen_id, at)');
    // The audit log is evidence: no role the service connects as may rewrite or erase it.
    await q.query(`
      CREATE FUNCTION pii_access_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'pii_access_audit is append-only (% refused)', TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    await q.query(`
      CREATE TRIGGER pii_access_audit_no_update_delete
        BEFORE UPDATE OR DELETE ON pii_access_audit
        FOR EACH ROW EXECUTE FUNCTION pii_access_audit_append_only()`);
    await q.query(`
      CREATE TRIGGER pii_access_audit_no_truncate
        BEFORE TRUNCATE ON pii_access_audit
        FOR EACH STATEMENT EXECUTE FUNCTION pii_access_audit_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE pii_access_audit');
    await q.query('DROP FUNCTION pii_access_audit_append_only()');
    await q.query('DROP TABLE citizen');
  }
}
