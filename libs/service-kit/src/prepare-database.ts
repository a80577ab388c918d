import type { BaseServiceConfig } from '@civitas/config';
import { migrateDatabase } from '@civitas/persistence';
import { DataSource } from 'typeorm';
import {
  databaseNameOf,
  serviceDataSourceOptions,
  type ServiceDefinition,
} from './service-kit.module.js';

/**
 * Creates the service's database when missing and applies its migrations; then runs `after` (a
 * seed) on the same connection. Used by main.ts before the app starts, and by the migrate job.
 */
export async function prepareServiceDatabase(
  definition: ServiceDefinition,
  config: BaseServiceConfig,
  after?: (dataSource: DataSource) => Promise<void>,
): Promise<string[]> {
  const dataSource = new DataSource(serviceDataSourceOptions(definition, config));
  try {
    const applied = await migrateDatabase(
      config.DATABASE_URL,
      databaseNameOf(definition.service, config),
      dataSource,
    );
    if (after) {
      await after(dataSource);
    }
    return applied;
  } finally {
    if (dataSource.isInitialized) {
      await dataSource.destroy();
    }
  }
}
