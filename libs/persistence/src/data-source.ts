import { DataSource, type DataSourceOptions, type MixedList, type EntitySchema } from 'typeorm';
import { databaseUrl } from './ensure-database.js';
import { SnakeNamingStrategy } from './naming.strategy.js';

export interface ServiceDataSourceOptions {
  serverUrl: string;
  database: string;

  entities: MixedList<Function | string | EntitySchema>;

  migrations: MixedList<Function | string>;
  poolSize?: number;
  applicationName?: string;
  /** Longest wait for a connection (default DATABASE_CONNECT_TIMEOUT_MS). */
  connectTimeoutMs?: number;
}

/**
 * Longest wait for a database connection, from the pool when every one is in use or a new one:
 * then an error (`timeout exceeded when trying to connect`) that the callers' retries treat as
 * transient. The driver's default is to wait without end, which turns a connection leaked or lost
 * under Postgres's restart into a worker stuck with nothing logged (docs/adr/0093).
 */
export const DATABASE_CONNECT_TIMEOUT_MS = 30_000;

/** One TypeORM data source per service, on its own database. Never `synchronize`. */
export function dataSourceOptions(options: ServiceDataSourceOptions): DataSourceOptions {
  return {
    type: 'postgres',
    url: databaseUrl(options.serverUrl, options.database),
    entities: options.entities,
    migrations: options.migrations,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    namingStrategy: new SnakeNamingStrategy(),
    extra: {
      max: options.poolSize ?? 10,
      application_name: options.applicationName ?? options.database,
      connectionTimeoutMillis: options.connectTimeoutMs ?? DATABASE_CONNECT_TIMEOUT_MS,
      // A connection whose server went away without a word (a host lost, a network cut) is found
      // by TCP keepalive instead of waiting on it for good.
      keepAlive: true,
    },
  };
}

export function createDataSource(options: ServiceDataSourceOptions): DataSource {
  return new DataSource(dataSourceOptions(options));
}
