import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A contact point is dated when it is inserted (`clock_timestamp()`), not when its transaction
 * began (`now()`): identity resolution waits for a per-contact lock inside its transaction, so a
 * point added after waiting was dated before points added meanwhile, and `addedAt` listed a
 * resident's contact points out of the order they were added.
 */
export class ContactPointAddedAtInsert1767400000000 implements MigrationInterface {
  name = 'ContactPointAddedAtInsert1767400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE contact_point ALTER COLUMN created_at SET DEFAULT clock_timestamp()`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE contact_point ALTER COLUMN created_at SET DEFAULT now()`);
  }
}
