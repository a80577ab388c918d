import 'reflect-metadata';
import { loadConfigOrExit } from '@civitas/config';
import { prepareServiceDatabase, runSubgraph } from '@civitas/service-kit';
import { AppModule } from './app.module.js';
import { seedCatalog } from './catalog/catalog.seed.js';
import { RoutingConfig } from './config/routing.config.js';
import { ROUTING } from './database/definition.js';

const config = loadConfigOrExit(RoutingConfig, 'routing');
await prepareServiceDatabase(ROUTING, config, config.SEED_CATALOG ? seedCatalog : undefined);
await runSubgraph(AppModule.forRoot(config), 'routing', config);
