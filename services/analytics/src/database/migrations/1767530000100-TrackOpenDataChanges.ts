import type { MigrationInterface, QueryRunner } from 'typeorm';

/** What a row of open data shows, and whether it is shown (docs/adr/0057). */
const PUBLISHED = [
  'ticket_number',
  'service_code',
  'department_code',
  'status',
  'opened_at',
  'closed_at',
  'district_code',
  'channel',
  'cell_latitude',
  'cell_longitude',
  'public_description',
  'private',
];
const published = (alias: string) => `(${PUBLISHED.map((c) => `${alias}.${c}`).join(', ')})`;

/**
 * Open data's validators without reading the facts (docs/adr/0065): every statement that changes
 * what open data publishes adds one row per (UTC month opened, service) it touched to
 * `open_data_change`, stamped when its transaction commits. A file's ETag is made from the sum of
 * its months' and services' changes, its Last-Modified is their latest stamp.
 */
export class TrackOpenDataChanges1767530000100 implements MigrationInterface {
  name = 'TrackOpenDataChanges1767530000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE open_data_change (
        id bigserial PRIMARY KEY,
        month date NOT NULL,
        service_code text NOT NULL,
        changes bigint NOT NULL,
        changed_at timestamptz
      )`);
    await q.query('CREATE INDEX open_data_change_month_idx ON open_data_change (month)');
    await q.query(`
      INSERT INTO open_data_change (month, service_code, changes, changed_at)
      SELECT date_trunc('month', opened_at AT TIME ZONE 'UTC')::date, service_code, count(*),
             clock_timestamp()
      FROM case_fact WHERE opened_at IS NOT NULL AND NOT private
      GROUP BY 1, 2`);
    // A row counts when it is public before or after the change: it appears, changes or leaves.
    await q.query(`
      CREATE FUNCTION open_data_count_changes() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          INSERT INTO open_data_change (month, service_code, changes)
          SELECT date_trunc('month', opened_at AT TIME ZONE 'UTC')::date, service_code, count(*)
          FROM new_rows WHERE opened_at IS NOT NULL AND NOT private
          GROUP BY 1, 2;
        ELSIF TG_OP = 'DELETE' THEN
          INSERT INTO open_data_change (month, service_code, changes)
          SELECT date_trunc('month', opened_at AT TIME ZONE 'UTC')::date, service_code, count(*)
          FROM old_rows WHERE opened_at IS NOT NULL AND NOT private
          GROUP BY 1, 2;
        ELSE
          INSERT INTO open_data_change (month, service_code, changes)
          SELECT date_trunc('month', r.opened_at AT TIME ZONE 'UTC')::date, r.service_code, count(*)
          FROM old_rows o JOIN new_rows n USING (case_id),
               LATERAL (VALUES (o.opened_at, o.service_code, o.private),
                               (n.opened_at, n.service_code, n.private)) AS r(opened_at, service_code, private)
          WHERE ${published('o')} IS DISTINCT FROM ${published('n')}
            AND r.opened_at IS NOT NULL AND NOT r.private
          GROUP BY 1, 2;
        END IF;
        RETURN NULL;
      END $$`);
    for (const [event, referencing] of [
      ['INSERT', 'NEW TABLE AS new_rows'],
      ['UPDATE', 'OLD TABLE AS old_rows NEW TABLE AS new_rows'],
      ['DELETE', 'OLD TABLE AS old_rows'],
    ]) {
      await q.query(`
        CREATE TRIGGER case_fact_open_data_${event.toLowerCase()} AFTER ${event} ON case_fact
        REFERENCING ${referencing} FOR EACH STATEMENT EXECUTE FUNCTION open_data_count_changes()`);
    }
    // Stamped at commit, not when written: a reader never learns a time older than a change it
    // cannot see yet (a long import batch commits long after its rows were written).
    await q.query(`
      CREATE FUNCTION open_data_stamp_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE open_data_change SET changed_at = clock_timestamp() WHERE id = NEW.id;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE CONSTRAINT TRIGGER open_data_change_stamp AFTER INSERT ON open_data_change
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (NEW.changed_at IS NULL)
      EXECUTE FUNCTION open_data_stamp_change()`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const event of ['insert', 'update', 'delete']) {
      await q.query(`DROP TRIGGER case_fact_open_data_${event} ON case_fact`);
    }
    await q.query('DROP FUNCTION open_data_count_changes()');
    await q.query('DROP TABLE open_data_change');
    await q.query('DROP FUNCTION open_data_stamp_change()');
  }
}
