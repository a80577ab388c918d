import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A resident's submissions are looked up by `citizen_id` (their 360 view, and merges, unmerges
 * and erasures re-pointing or clearing them): without an index each was a scan of every
 * submission ever received.
 */
export class IndexSubmissionsByCitizen1764900000200 implements MigrationInterface {
  name = 'IndexSubmissionsByCitizen1764900000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query('CREATE INDEX submission_citizen_idx ON submission (citizen_id)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX submission_citizen_idx');
  }
}
