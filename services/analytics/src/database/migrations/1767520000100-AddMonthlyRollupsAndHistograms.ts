import { loadConfig } from '@civitas/config';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { AnalyticsConfig } from '../../config/analytics.config.js';
import { HISTOGRAM_COLUMNS, rollupContributionSql, type Rollup } from '../../case-facts/index.js';

const EXISTING_WITH_HISTOGRAM = ['case_daily_service', 'case_daily_district'];
const EXISTING = ['case_daily', ...EXISTING_WITH_HISTOGRAM];

/** The new rollups, as this migration creates them. */
const CREATED: Rollup[] = [
  {
    table: 'case_monthly_department',
    grain: 'month',
    keys: ['department_code', 'history'],
    histogram: true,
  },
  {
    table: 'case_monthly_department_service',
    grain: 'month',
    keys: ['department_code', 'service_code', 'history'],
    histogram: true,
  },
  {
    table: 'case_monthly_district',
    grain: 'month',
    keys: ['department_code', 'district_code', 'history'],
    histogram: true,
  },
  {
    table: 'case_monthly_service',
    grain: 'month',
    keys: ['department_code', 'service_code', 'channel', 'priority', 'history'],
    histogram: true,
  },
  {
    table: 'case_daily_department',
    grain: 'day',
    keys: ['department_code', 'history'],
    histogram: true,
  },
  {
    table: 'case_daily_department_service',
    grain: 'day',
    keys: ['department_code', 'service_code', 'history'],
    histogram: true,
  },
];

/** Every rollup once this migration has run (all are refilled from the facts). */
const ALL: Rollup[] = [
  ...CREATED,
  {
    table: 'case_daily_district',
    grain: 'day',
    keys: ['department_code', 'district_code', 'history'],
    histogram: true,
  },
  {
    table: 'case_daily_service',
    grain: 'day',
    keys: ['department_code', 'service_code', 'channel', 'priority', 'history'],
    histogram: true,
  },
  {
    table: 'case_daily',
    grain: 'day',
    keys: ['department_code', 'service_code', 'district_code', 'channel', 'priority', 'history'],
    histogram: false,
  },
];

const HISTOGRAM = HISTOGRAM_COLUMNS.map((c) => `${c} integer NOT NULL DEFAULT 0`).join(', ');

const VALUES = `received integer NOT NULL DEFAULT 0,
      still_open integer NOT NULL DEFAULT 0,
      still_open_due integer NOT NULL DEFAULT 0,
      closed integer NOT NULL DEFAULT 0,
      reopened integer NOT NULL DEFAULT 0,
      sla_met integer NOT NULL DEFAULT 0,
      sla_missed integer NOT NULL DEFAULT 0,
      hours_to_close_sum double precision NOT NULL DEFAULT 0,
      became_overdue integer NOT NULL DEFAULT 0,
      overdue_ended integer NOT NULL DEFAULT 0,
      satisfaction_sum integer NOT NULL DEFAULT 0,
      satisfaction_responses integer NOT NULL DEFAULT 0`;

const KEY_TYPES: Record<string, string> = {
  department_code: 'text',
  service_code: 'text',
  district_code: 'text',
  channel: 'text',
  priority: 'text',
  history: 'boolean',
};

/**
 * Figures for managers fast on a big city's year (docs/adr/0064): monthly rollups beside the daily
 * ones, rollups by department and by service alone, a histogram of hours to close in every rollup
 * but the one with every key, and per rollup row the cases still open that have a due time (so
 * `overdueNow` subtracts the few not yet due instead of counting the many overdue). Every rollup is
 * then refilled from the facts, with the facts locked against the consumers meanwhile.
 */
export class AddMonthlyRollupsAndHistograms1767520000100 implements MigrationInterface {
  name = 'AddMonthlyRollupsAndHistograms1767520000100';

  async up(q: QueryRunner): Promise<void> {
    for (const table of EXISTING) {
      await q.query(`ALTER TABLE ${table} ADD COLUMN still_open_due integer NOT NULL DEFAULT 0`);
    }
    for (const table of EXISTING_WITH_HISTOGRAM) {
      await q.query(
        `ALTER TABLE ${table} ${HISTOGRAM_COLUMNS.map((c) => `ADD COLUMN ${c} integer NOT NULL DEFAULT 0`).join(', ')}`,
      );
    }
    for (const rollup of CREATED) {
      await q.query(`CREATE TABLE ${rollup.table} (
        day date NOT NULL,
        ${rollup.keys.map((k) => `${k} ${KEY_TYPES[k]} NOT NULL`).join(', ')},
        ${VALUES},
        ${HISTOGRAM},
        CONSTRAINT ${rollup.table}_pkey PRIMARY KEY (day, ${rollup.keys.join(', ')})
      )`);
    }
    await q.query('LOCK TABLE case_fact IN SHARE MODE');
    if ((await q.query('SELECT 1 FROM case_fact LIMIT 1')).length === 0) {
      return;
    }
    // The service's own zone: this runs in its process (main or the migrate job), same environment.
    const zone = loadConfig(AnalyticsConfig).ANALYTICS_TIME_ZONE;
    for (const rollup of ALL) {
      await q.query(`TRUNCATE ${rollup.table}`);
      await q.query(rollupContributionSql(rollup, 'true', '$1', '1'), [zone]);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const rollup of [...CREATED].reverse()) {
      await q.query(`DROP TABLE ${rollup.table}`);
    }
    for (const table of EXISTING_WITH_HISTOGRAM) {
      await q.query(
        `ALTER TABLE ${table} ${HISTOGRAM_COLUMNS.map((c) => `DROP COLUMN ${c}`).join(', ')}`,
      );
    }
    for (const table of EXISTING) {
      await q.query(`ALTER TABLE ${table} DROP COLUMN still_open_due`);
    }
  }
}
