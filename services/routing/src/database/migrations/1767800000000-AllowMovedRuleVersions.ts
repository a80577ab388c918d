import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A rule's history records moves (moveRoutingRule) as their own kind of version. */
export class AllowMovedRuleVersions1767800000000 implements MigrationInterface {
  name = 'AllowMovedRuleVersions1767800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      'ALTER TABLE routing_rule_version DROP CONSTRAINT routing_rule_version_change_check',
    );
    await q.query(`
      ALTER TABLE routing_rule_version ADD CONSTRAINT routing_rule_version_change_check
        CHECK (change IN ('CREATED', 'UPDATED', 'MOVED', 'DELETED'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    // A MOVED version is a renumbering: older code reads it as the update it also is.
    await q.query(`UPDATE routing_rule_version SET change = 'UPDATED' WHERE change = 'MOVED'`);
    await q.query(
      'ALTER TABLE routing_rule_version DROP CONSTRAINT routing_rule_version_change_check',
    );
    await q.query(`
      ALTER TABLE routing_rule_version ADD CONSTRAINT routing_rule_version_change_check
        CHECK (change IN ('CREATED', 'UPDATED', 'DELETED'))`);
  }
}
