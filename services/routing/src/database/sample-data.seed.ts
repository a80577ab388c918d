import type { DataSource } from 'typeorm';
import { seedCatalog } from '../catalog/index.js';
import { seedDistricts } from '../districts/index.js';

/** The sample catalog and districts (`SEED_CATALOG`): only what is missing is added. */
export async function seedSampleData(dataSource: DataSource): Promise<void> {
  await seedCatalog(dataSource);
  await seedDistricts(dataSource);
}
