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
}

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
    },
  };
}

export function createDataSource(options: ServiceDataSourceOptions): DataSource {
  return new DataSource(dataSourceOptions(options));
}
