import 'reflect-metadata';
import { loadConfigOrExit } from '@civitas/config';
import { startService } from '@civitas/service-kit';
import { AppModule } from './app.module.js';
import { RoutingConfig } from './config/routing.config.js';
import { ROUTING } from './database/definition.js';
import { seedSampleData } from './database/sample-data.seed.js';

const config = loadConfigOrExit(RoutingConfig, 'routing');
await startService(
  ROUTING,
  config,
  AppModule.forRoot(config),
  config.SEED_CATALOG ? seedSampleData : undefined,
);
