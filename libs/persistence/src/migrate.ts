import type { DataSource } from 'typeorm';
import { ensureDatabase } from './ensure-database.js';

// One lock id for every Civitas migration run; each service has its own database, so runs of
// different services never wait on each other.
const MIGRATION_LOCK_ID = 0x0c171a5;

/**
 * Creates the database when missing and applies pending migrations, holding an advisory lock so
 * replicas starting together do not race.
 */
export async function migrateDatabase(
  serverUrl: string,
  database: string,
  dataSource: DataSource,
): Promise<string[]> {
  await ensureDatabase(serverUrl, database);
  const initialisedHere = !dataSource.isInitialized;
  if (initialisedHere) {
    await dataSource.initialize();
  }
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_ID]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_ID]).catch(() => undefined);
    await runner.release();
  }
}

/** SQL that would bring the schema in line with the entities; empty when migrations match them. */
export async function pendingSchemaDrift(dataSource: DataSource): Promise<string[]> {
  const sql = await dataSource.driver.createSchemaBuilder().log();
  return sql.upQueries.map((q) => q.query);
}
