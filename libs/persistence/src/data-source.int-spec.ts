import { describe, expect, it } from '@jest/globals';
import { testDatabaseServerUrl } from '@civitas/testing';
import { createDataSource, dataSourceOptions, DATABASE_CONNECT_TIMEOUT_MS } from './data-source.js';

/*
 * A service's data source never waits for a connection without end (docs/adr/0093): a worker
 * whose pool is exhausted (a connection leaked, or lost under Postgres's restart) gets an error
 * its retries know and logs, instead of stopping with nothing said.
 */
describe('a service data source on Postgres', () => {
  const options = {
    serverUrl: testDatabaseServerUrl(),
    database: 'postgres',
    entities: [],
    migrations: [],
  };

  it('gives up waiting for a connection when every one is in use', async () => {
    const dataSource = createDataSource({ ...options, poolSize: 1, connectTimeoutMs: 300 });
    await dataSource.initialize();
    const held = dataSource.createQueryRunner();
    try {
      await held.connect();
      await held.startTransaction();
      const error = await dataSource.query('SELECT 1').then(
        () => null,
        (e: unknown) => e as Error,
      );
      expect(error?.message).toMatch(/timeout exceeded when trying to connect/);
      // The held connection still works, and the pool serves again once it is given back.
      expect(await held.query('SELECT 2 AS n')).toEqual([{ n: 2 }]);
      await held.rollbackTransaction();
      await held.release();
      expect(await dataSource.query('SELECT 3 AS n')).toEqual([{ n: 3 }]);
    } finally {
      if (!held.isReleased) {
        await held.release();
      }
      await dataSource.destroy();
    }
  });

  it('waits a bounded time by default', () => {
    const extra = (dataSourceOptions(options) as { extra: Record<string, unknown> }).extra;
    expect(extra.connectionTimeoutMillis).toBe(DATABASE_CONNECT_TIMEOUT_MS);
    expect(DATABASE_CONNECT_TIMEOUT_MS).toBeGreaterThan(0);
  });
});
