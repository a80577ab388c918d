import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each timeline entry records the case's status once it was made (docs/adr/0035), so Open311
 * updates read the status after each update rather than the status now.
 *
 * Existing entries get what their timeline tells: a status change says what it changed to
 * (docs/case-work.md wording: "Closed…", "Reopened…", "Status changed to <status>…"), a case is
 * new when received and open once routed; every other entry has the status of the last change
 * before it. A "Reopened" went back to OPEN when the case had a department, else to NEW.
 */
export class AddTimelineCaseStatus1765300000600 implements MigrationInterface {
  name = 'AddTimelineCaseStatus1765300000600';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE timeline_entry ADD COLUMN case_status text');
    await q.query(`
      WITH changes AS (
        SELECT t.id, t.case_id, t.at, t.kind,
          CASE
            WHEN t.kind = 'OPENED' THEN 'NEW'
            WHEN t.kind <> 'STATUS_CHANGED' THEN NULL
            WHEN t.summary LIKE 'Closed%' THEN 'CLOSED'
            WHEN t.summary LIKE 'Reopened%' THEN
              CASE WHEN c.department_code IS NULL THEN 'NEW' ELSE 'OPEN' END
            WHEN t.summary LIKE 'Status changed to in progress%' THEN 'IN_PROGRESS'
            WHEN t.summary LIKE 'Status changed to on hold%' THEN 'ON_HOLD'
            WHEN t.summary LIKE 'Status changed to open%' THEN 'OPEN'
            WHEN t.summary LIKE 'Status changed to new%' THEN 'NEW'
          END AS changed_to
        FROM timeline_entry t JOIN service_case c ON c.id = t.case_id
      ),
      runs AS (
        SELECT *, count(changed_to) OVER w AS run
        FROM changes
        WINDOW w AS (PARTITION BY case_id ORDER BY at, id)
      ),
      before_routing AS (
        SELECT *, first_value(changed_to) OVER (PARTITION BY case_id, run ORDER BY at, id) AS carried
        FROM runs
      ),
      routed AS (
        SELECT id, case_id, at,
          CASE
            WHEN kind = 'ROUTED' AND coalesce(carried, 'NEW') = 'NEW' THEN 'OPEN'
            ELSE changed_to
          END AS changed_to
        FROM before_routing
      ),
      routed_runs AS (
        SELECT *, count(changed_to) OVER w AS run
        FROM routed
        WINDOW w AS (PARTITION BY case_id ORDER BY at, id)
      ),
      resolved AS (
        SELECT id,
          coalesce(first_value(changed_to) OVER (PARTITION BY case_id, run ORDER BY at, id), 'NEW')
            AS case_status
        FROM routed_runs
      )
      UPDATE timeline_entry t SET case_status = r.case_status FROM resolved r WHERE r.id = t.id
    `);
    await q.query('ALTER TABLE timeline_entry ALTER COLUMN case_status SET NOT NULL');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE timeline_entry DROP COLUMN case_status');
  }
}
