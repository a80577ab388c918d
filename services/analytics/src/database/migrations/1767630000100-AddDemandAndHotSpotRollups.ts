import { loadConfig } from '@civitas/config';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { AnalyticsConfig } from '../../config/analytics.config.js';
import { openingRollupSql } from '../../case-facts/index.js';

const DEMAND = 'day date NOT NULL, day_of_week smallint NOT NULL, hour smallint NOT NULL';
const CELL = 'cell_row integer NOT NULL, cell_column integer NOT NULL, day date NOT NULL';
const KEYS = 'department_code text NOT NULL, service_code text NOT NULL';

/**
 * Demand by hour and hot spots from rollups (docs/adr/0071): cases received per local month, day
 * of the week and hour, and per local month and 250 m cell, with the keys they are filtered by;
 * then filled from the facts, locked against the consumers meanwhile.
 */
export class AddDemandAndHotSpotRollups1767630000100 implements MigrationInterface {
  name = 'AddDemandAndHotSpotRollups1767630000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE case_demand_monthly (${DEMAND}, history boolean NOT NULL,
      received integer NOT NULL DEFAULT 0,
      CONSTRAINT case_demand_monthly_pkey PRIMARY KEY (day, day_of_week, hour, history))`);
    await q.query(`CREATE TABLE case_demand_monthly_department (${DEMAND},
      department_code text NOT NULL, history boolean NOT NULL, received integer NOT NULL DEFAULT 0,
      CONSTRAINT case_demand_monthly_department_pkey
        PRIMARY KEY (day, day_of_week, hour, department_code, history))`);
    await q.query(`CREATE TABLE case_demand_monthly_service (${DEMAND}, ${KEYS},
      history boolean NOT NULL, received integer NOT NULL DEFAULT 0,
      CONSTRAINT case_demand_monthly_service_pkey
        PRIMARY KEY (day, day_of_week, hour, department_code, service_code, history))`);
    await q.query(`CREATE TABLE case_hot_cell_monthly (${CELL}, history boolean NOT NULL,
      received integer NOT NULL DEFAULT 0,
      CONSTRAINT case_hot_cell_monthly_pkey PRIMARY KEY (cell_row, cell_column, day, history))`);
    await q.query('CREATE INDEX case_hot_cell_monthly_day_idx ON case_hot_cell_monthly (day)');
    await q.query(`CREATE TABLE case_hot_cell_monthly_service (${CELL}, ${KEYS},
      history boolean NOT NULL, received integer NOT NULL DEFAULT 0,
      CONSTRAINT case_hot_cell_monthly_service_pkey
        PRIMARY KEY (cell_row, cell_column, day, department_code, service_code, history))`);
    await q.query(
      'CREATE INDEX case_hot_cell_monthly_service_service_idx ON case_hot_cell_monthly_service (service_code, day)',
    );
    await q.query(
      'CREATE INDEX case_hot_cell_monthly_service_department_idx ON case_hot_cell_monthly_service (department_code, day)',
    );
    await q.query('LOCK TABLE case_fact IN SHARE MODE');
    if ((await q.query('SELECT 1 FROM case_fact LIMIT 1')).length === 0) {
      return;
    }
    // The service's own zone: this runs in its process (main or the migrate job), same environment.
    const zone = loadConfig(AnalyticsConfig).ANALYTICS_TIME_ZONE;
    await q.query(openingRollupSql('SELECT case_fact.*, 1 AS sign FROM case_fact', '$1'), [zone]);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'case_hot_cell_monthly_service',
      'case_hot_cell_monthly',
      'case_demand_monthly_service',
      'case_demand_monthly_department',
      'case_demand_monthly',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
