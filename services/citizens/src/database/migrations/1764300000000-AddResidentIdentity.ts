import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddResidentIdentity1764300000000 implements MigrationInterface {
  name = 'AddResidentIdentity1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE citizen
        ADD COLUMN organisation_name_enc text,
        ADD COLUMN preferred_language text,
        ADD COLUMN merged_into uuid,
        ADD COLUMN blind_tokens bigint[] NOT NULL DEFAULT '{}'`);
    await q.query(
      `ALTER TABLE citizen ADD CONSTRAINT citizen_kind_check CHECK (kind IN ('PERSON', 'ORGANIZATION'))`,
    );
    // Keyed-hash tokens of names and addresses (blind index): candidates for matching and search.
    await q.query('CREATE INDEX citizen_blind_tokens_idx ON citizen USING gin (blind_tokens)');
    await q.query('CREATE INDEX citizen_merged_into_idx ON citizen (merged_into)');
    await q.query(`
      CREATE TABLE contact_point (
        id uuid PRIMARY KEY,
        citizen_id uuid NOT NULL,
        kind text NOT NULL,
        value_enc text NOT NULL,
        lookup_hash text,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT contact_point_kind_check CHECK (kind IN ('EMAIL', 'PHONE', 'POSTAL'))
      )`);
    await q.query('CREATE INDEX contact_point_lookup_idx ON contact_point (kind, lookup_hash)');
    await q.query('CREATE INDEX contact_point_citizen_idx ON contact_point (citizen_id)');
    // Every e-mail and phone a resident already had becomes a contact point (same sealed value, same hash).
    await q.query(`
      INSERT INTO contact_point (id, citizen_id, kind, value_enc, lookup_hash, created_at)
      SELECT gen_random_uuid(), id, 'EMAIL', email_enc, email_hash, created_at FROM citizen WHERE email_enc IS NOT NULL
      UNION ALL
      SELECT gen_random_uuid(), id, 'PHONE', phone_enc, phone_hash, created_at FROM citizen WHERE phone_enc IS NOT NULL`);
    await q.query(`
      CREATE TABLE identity_link (
        id uuid PRIMARY KEY,
        citizen_id uuid NOT NULL,
        source_system text NOT NULL,
        source_id_enc text NOT NULL,
        source_id_hash text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT identity_link_source_key UNIQUE (source_system, source_id_hash)
      )`);
    await q.query('CREATE INDEX identity_link_citizen_idx ON identity_link (citizen_id)');
    await q.query(`
      CREATE TABLE possible_match (
        id uuid PRIMARY KEY,
        citizen_id uuid NOT NULL,
        candidate_id uuid NOT NULL,
        score real NOT NULL,
        status text NOT NULL DEFAULT 'PENDING',
        created_at timestamptz NOT NULL DEFAULT now(),
        resolved_at timestamptz,
        resolved_by text,
        merge_id uuid,
        CONSTRAINT possible_match_status_check CHECK (status IN ('PENDING', 'ACCEPTED', 'REJECTED')),
        CONSTRAINT possible_match_pair_key UNIQUE (citizen_id, candidate_id)
      )`);
    await q.query('CREATE INDEX possible_match_status_idx ON possible_match (status, created_at)');
    await q.query(`
      CREATE TABLE citizen_merge (
        id uuid PRIMARY KEY,
        survivor_id uuid NOT NULL,
        merged_id uuid NOT NULL,
        reason text NOT NULL,
        merged_by text NOT NULL,
        merged_at timestamptz NOT NULL,
        unmerged_by text,
        unmerged_at timestamptz,
        moved_contact_point_ids uuid[] NOT NULL,
        moved_link_ids uuid[] NOT NULL,
        added_tokens bigint[] NOT NULL
      )`);
    await q.query('CREATE INDEX citizen_merge_survivor_idx ON citizen_merge (survivor_id)');
    await q.query('CREATE INDEX citizen_merge_merged_idx ON citizen_merge (merged_id)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE citizen_merge');
    await q.query('DROP TABLE possible_match');
    await q.query('DROP TABLE identity_link');
    await q.query('DROP TABLE contact_point');
    await q.query('DROP INDEX citizen_merged_into_idx');
    await q.query('DROP INDEX citizen_blind_tokens_idx');
    await q.query('ALTER TABLE citizen DROP CONSTRAINT citizen_kind_check');
    await q.query(`
      ALTER TABLE citizen
        DROP COLUMN blind_tokens,
        DROP COLUMN merged_into,
        DROP COLUMN preferred_language,
        DROP COLUMN organisation_name_enc`);
  }
}
