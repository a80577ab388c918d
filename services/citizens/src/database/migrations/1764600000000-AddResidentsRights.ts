import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddResidentsRights1764600000000 implements MigrationInterface {
  name = 'AddResidentsRights1764600000000';

  async up(q: QueryRunner): Promise<void> {
    // Every consent given or withdrawn, as it happened (evidence: append-only, like the audit log).
    await q.query(`
      CREATE TABLE consent_event (
        id uuid PRIMARY KEY,
        citizen_id uuid NOT NULL,
        channel text NOT NULL,
        purpose text NOT NULL,
        granted boolean NOT NULL,
        source text NOT NULL,
        recorded_by text,
        at timestamptz NOT NULL,
        CONSTRAINT consent_event_channel_check CHECK (channel IN ('EMAIL', 'SMS', 'PHONE', 'POST')),
        CONSTRAINT consent_event_purpose_check CHECK (purpose IN ('STATUS_UPDATES', 'SURVEYS', 'SERVICE_ANNOUNCEMENTS'))
      )`);
    await q.query('CREATE INDEX consent_event_citizen_idx ON consent_event (citizen_id, at)');
    await q.query(`
      CREATE FUNCTION consent_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'consent_event is append-only (% refused)', TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    await q.query(`
      CREATE TRIGGER consent_event_no_update_delete
        BEFORE UPDATE OR DELETE ON consent_event
        FOR EACH ROW EXECUTE FUNCTION consent_event_append_only()`);
    await q.query(`
      CREATE TRIGGER consent_event_no_truncate
        BEFORE TRUNCATE ON consent_event
        FOR EACH STATEMENT EXECUTE FUNCTION consent_event_append_only()`);
    // The current answer per channel and purpose: what notifications ask.
    await q.query(`
      CREATE TABLE consent (
        citizen_id uuid NOT NULL,
        channel text NOT NULL,
        purpose text NOT NULL,
        granted boolean NOT NULL,
        source text NOT NULL,
        event_id uuid NOT NULL,
        updated_at timestamptz NOT NULL,
        CONSTRAINT consent_pkey PRIMARY KEY (citizen_id, channel, purpose)
      )`);
    // The tombstone of an erased resident: who asked, when and why (the citizen row keeps no PII).
    await q.query(`
      CREATE TABLE citizen_erasure (
        citizen_id uuid PRIMARY KEY,
        erased_at timestamptz NOT NULL,
        erased_by text,
        reason text NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE citizen_erasure');
    await q.query('DROP TABLE consent');
    await q.query('DROP TABLE consent_event');
    await q.query('DROP FUNCTION consent_event_append_only()');
  }
}
