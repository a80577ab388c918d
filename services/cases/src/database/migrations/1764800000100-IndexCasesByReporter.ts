import type { MigrationInterface, QueryRunner } from 'typeorm';

export class IndexCasesByReporter1764800000100 implements MigrationInterface {
  name = 'IndexCasesByReporter1764800000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query('CREATE INDEX service_case_reporter_idx ON service_case (reporter_id)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX service_case_reporter_idx');
  }
}
