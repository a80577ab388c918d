import 'reflect-metadata';
import { loadConfigOrExit } from '@civitas/config';
import { prepareServiceDatabase, runSubgraph } from '@civitas/service-kit';
import { AppModule } from './app.module.js';
import { AnalyticsConfig } from './config/analytics.config.js';
import { ANALYTICS } from './database/definition.js';

const config = loadConfigOrExit(AnalyticsConfig, 'analytics');
await prepareServiceDatabase(ANALYTICS, config);
await runSubgraph(AppModule.forRoot(config), 'analytics', config);
