import 'reflect-metadata';
import { loadConfigOrExit } from '@civitas/config';
import { serviceDataSourceOptions } from '@civitas/service-kit';
import { DataSource } from 'typeorm';
import {
  OPENING_ROLLUPS,
  openingRollupSql,
  ROLLUPS,
  rollupContributionSql,
} from './case-facts/index.js';
import { AnalyticsConfig } from './config/analytics.config.js';
import { ANALYTICS } from './database/definition.js';

/**
 * Rebuilds the rollups (`ROLLUPS`, daily and monthly, and `OPENING_ROLLUPS`, demand and hot spots)
 * from the case facts (docs/adr/0056, 0064, 0071): after a change of
 * ANALYTICS_TIME_ZONE, or after facts were loaded straight into the database (the benchmark).
 * The facts are locked against the consumers' writes meanwhile, and the pending notes against the
 * folding (docs/adr/0087), so nothing is counted twice or missed: the rebuilt rollups are the facts'
 * sum, so nothing is pending after it. The consumers and the folding wait and go on afterwards.
 * Usage: node services/analytics/dist/rebuild-rollup.js (with the service's environment).
 */
const config = loadConfigOrExit(AnalyticsConfig, 'analytics');
const dataSource = new DataSource(serviceDataSourceOptions(ANALYTICS, config));
await dataSource.initialize();
try {
  const started = Date.now();
  await dataSource.transaction(async (manager) => {
    await manager.query('LOCK TABLE case_fact IN SHARE MODE');
    await manager.query('LOCK TABLE rollup_pending IN EXCLUSIVE MODE');
    await manager.query('DELETE FROM rollup_pending');
    for (const rollup of ROLLUPS) {
      await manager.query(`TRUNCATE ${rollup.table}`);
      await manager.query(rollupContributionSql(rollup, 'true', '$1', '1'), [
        config.ANALYTICS_TIME_ZONE,
      ]);
    }
    for (const rollup of OPENING_ROLLUPS) {
      await manager.query(`TRUNCATE ${rollup.table}`);
    }
    await manager.query(openingRollupSql('SELECT case_fact.*, 1 AS sign FROM case_fact', '$1'), [
      config.ANALYTICS_TIME_ZONE,
    ]);
  });
  for (const rollup of [...ROLLUPS, ...OPENING_ROLLUPS]) {
    const [{ rows }] = await dataSource.query<{ rows: number }[]>(
      `SELECT count(*)::int AS rows FROM ${rollup.table}`,
    );
    console.log(`${rollup.table}: ${rows} rows`);
  }
  console.log(`rollups rebuilt in ${config.ANALYTICS_TIME_ZONE} in ${Date.now() - started} ms`);
} finally {
  await dataSource.destroy();
}
