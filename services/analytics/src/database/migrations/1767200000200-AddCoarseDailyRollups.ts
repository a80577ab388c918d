import type { MigrationInterface, QueryRunner } from 'typeorm';

const VALUES = `received integer NOT NULL DEFAULT 0,
      still_open integer NOT NULL DEFAULT 0,
      closed integer NOT NULL DEFAULT 0,
      reopened integer NOT NULL DEFAULT 0,
      sla_met integer NOT NULL DEFAULT 0,
      sla_missed integer NOT NULL DEFAULT 0,
      hours_to_close_sum double precision NOT NULL DEFAULT 0,
      became_overdue integer NOT NULL DEFAULT 0,
      overdue_ended integer NOT NULL DEFAULT 0`;

const SUMS = `sum(received), sum(still_open), sum(closed), sum(reopened), sum(sla_met), sum(sla_missed),
  sum(hours_to_close_sum), sum(became_overdue), sum(overdue_ended)`;

const COLUMNS = `received, still_open, closed, reopened, sla_met, sla_missed, hours_to_close_sum,
  became_overdue, overdue_ended`;

/**
 * Two coarser daily rollups beside `case_daily` (docs/adr/0056): without the district, and with
 * only the department and district. Filled from `case_daily`, which they sum.
 */
export class AddCoarseDailyRollups1767200000200 implements MigrationInterface {
  name = 'AddCoarseDailyRollups1767200000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE case_daily_service (
      day date NOT NULL,
      department_code text NOT NULL,
      service_code text NOT NULL,
      channel text NOT NULL,
      priority text NOT NULL,
      history boolean NOT NULL,
      ${VALUES},
      CONSTRAINT case_daily_service_pkey PRIMARY KEY
        (day, department_code, service_code, channel, priority, history)
    )`);
    await q.query(`CREATE TABLE case_daily_district (
      day date NOT NULL,
      department_code text NOT NULL,
      district_code text NOT NULL,
      history boolean NOT NULL,
      ${VALUES},
      CONSTRAINT case_daily_district_pkey PRIMARY KEY (day, department_code, district_code, history)
    )`);
    await q.query(`INSERT INTO case_daily_service
      (day, department_code, service_code, channel, priority, history, ${COLUMNS})
      SELECT day, department_code, service_code, channel, priority, history, ${SUMS}
      FROM case_daily GROUP BY 1, 2, 3, 4, 5, 6`);
    await q.query(`INSERT INTO case_daily_district
      (day, department_code, district_code, history, ${COLUMNS})
      SELECT day, department_code, district_code, history, ${SUMS}
      FROM case_daily GROUP BY 1, 2, 3, 4`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE case_daily_district');
    await q.query('DROP TABLE case_daily_service');
  }
}
