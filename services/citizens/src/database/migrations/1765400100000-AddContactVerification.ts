import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Contact points a resident adds to their own profile wait here, unverified, until they enter the
 * one-time code sent to them (ADR 0040); only then do they become contact points (match keys and
 * notification addresses). Codes are stored only as keyed hashes. Sign-ins are linked by staff
 * with a code sent to the resident, or a supervisor's approval of a request.
 */
export class AddContactVerification1765400100000 implements MigrationInterface {
  name = 'AddContactVerification1765400100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE contact_point_claim (
        id uuid PRIMARY KEY,
        citizen_id uuid NOT NULL,
        kind text NOT NULL,
        value_enc text NOT NULL,
        lookup_hash text NOT NULL,
        code_hash text,
        code_expires_at timestamptz,
        attempts integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT contact_point_claim_kind_check CHECK (kind IN ('EMAIL', 'PHONE')),
        CONSTRAINT contact_point_claim_once UNIQUE (citizen_id, kind, lookup_hash)
      )`);
    await q.query(`
      CREATE TABLE login_link_code (
        id uuid PRIMARY KEY,
        citizen_id uuid NOT NULL,
        requested_by text NOT NULL,
        code_hash text,
        expires_at timestamptz NOT NULL,
        attempts integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT login_link_code_once UNIQUE (citizen_id, requested_by)
      )`);
    // Every code sent, for the rate limits (per contact point, per resident); pruned after a day.
    await q.query(`
      CREATE TABLE verification_code_send (
        id uuid PRIMARY KEY,
        citizen_id uuid NOT NULL,
        purpose text NOT NULL,
        lookup_hash text,
        sent_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT verification_code_send_purpose_check CHECK (purpose IN ('CONTACT_POINT', 'LOGIN_LINK'))
      )`);
    await q.query(
      'CREATE INDEX verification_code_send_citizen_idx ON verification_code_send (citizen_id, sent_at)',
    );
    await q.query(
      'CREATE INDEX verification_code_send_lookup_idx ON verification_code_send (lookup_hash, sent_at)',
    );
    await q.query(`
      CREATE TABLE login_link_request (
        id uuid PRIMARY KEY,
        citizen_id uuid NOT NULL,
        sub_enc text NOT NULL,
        requested_by text NOT NULL,
        reason text NOT NULL,
        status text NOT NULL,
        decided_by text,
        decided_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT login_link_request_status_check CHECK (status IN ('PENDING', 'APPROVED', 'REJECTED'))
      )`);
    await q.query(
      `CREATE INDEX login_link_request_pending_idx ON login_link_request (created_at) WHERE status = 'PENDING'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE login_link_request');
    await q.query('DROP TABLE verification_code_send');
    await q.query('DROP TABLE login_link_code');
    await q.query('DROP TABLE contact_point_claim');
  }
}
