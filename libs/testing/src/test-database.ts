import { createHash } from 'node:crypto';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { databaseUrl, ensureDatabase, migrateDatabase } from '@civitas/persistence';
import { testDatabaseServerUrl, uniqueName } from './infrastructure.js';

export interface TestDatabase {
  /** Database name, for DATABASE_NAME. */
  name: string;
  serverUrl: string;
  url: string;
  /** Runs one SQL statement on it (a short-lived connection) and answers its rows. */
  rows<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /**
   * A TypeORM data source on it with the service's entities and migrations, opened on first use
   * and shared: for seeds, repositories, transactions and locks a test holds, and drift checks.
   * Closed by `drop()`.
   */
  dataSource(): Promise<DataSource>;
  drop(): Promise<void>;
}

/** Runs one SQL statement on the database at `url` and answers its rows: for test assertions. */
export async function queryRows<T = Record<string, unknown>>(
  url: string,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

const TEMPLATE_LOCK = 0x7e57;

async function withAdmin<T>(serverUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl(serverUrl, 'postgres') });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * A fresh, migrated database for one test file, copied from a template that is migrated once per
 * migration set (`CREATE DATABASE … TEMPLATE`, milliseconds instead of a migration run per file).
 * `makeDataSource(dbName)` must return an uninitialised data source for that database with the
 * service's migrations.
 */
export async function createTestDatabase(
  service: string,

  migrations: Function[],
  makeDataSource: (database: string) => DataSource,
  /** Another Postgres server than the tests' shared one (e.g. `startPostgresServer`'s). */
  serverUrl = testDatabaseServerUrl(),
): Promise<TestDatabase> {
  // The migrations' code, not just their names: editing a migration must not reuse a stale template.
  const source = migrations
    .map((m) => `${m.name}:${String((m.prototype as { up?: unknown }).up)}`)
    .join('|');
  const digest = createHash('sha256').update(source).digest('hex').slice(0, 10);
  const template = `civitas_tpl_${service}_${digest}`;
  const name = uniqueName(`civitas_t_${service}`);
  await withAdmin(serverUrl, async (admin) => {
    await admin.query('SELECT pg_advisory_lock($1)', [TEMPLATE_LOCK]);
    try {
      const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [template]);
      if (exists.rowCount === 0) {
        const building = `${template}_building`;
        await admin.query(`DROP DATABASE IF EXISTS "${building}"`);
        await ensureDatabase(serverUrl, building);
        const ds = makeDataSource(building);
        try {
          await migrateDatabase(serverUrl, building, ds);
        } finally {
          await ds.destroy();
        }
        // Only a complete template ever carries the real name.
        await admin.query(`ALTER DATABASE "${building}" RENAME TO "${template}"`);
      }
      await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
    } finally {
      await admin.query('SELECT pg_advisory_unlock($1)', [TEMPLATE_LOCK]);
    }
  });
  let opened: Promise<DataSource> | undefined;
  return {
    name,
    serverUrl,
    url: databaseUrl(serverUrl, name),
    rows: (sql, params) => queryRows(databaseUrl(serverUrl, name), sql, params),
    dataSource: () => (opened ??= makeDataSource(name).initialize()),
    drop: async () => {
      const dataSource = await opened?.catch(() => undefined);
      opened = undefined;
      if (dataSource?.isInitialized) {
        await dataSource.destroy();
      }
      await withAdmin(serverUrl, (admin) =>
        admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
      );
    },
  };
}
