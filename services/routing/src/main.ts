import 'reflect-metadata';
import { startService } from '@civitas/service-kit';
import { ROUTING_APP } from './app.module.js';
import { seedSampleData } from './database/sample-data.seed.js';

await startService(ROUTING_APP, (config) => (config.SEED_CATALOG ? seedSampleData : undefined));
