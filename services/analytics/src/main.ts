import 'reflect-metadata';
import { loadConfigOrExit } from '@civitas/config';
import { startService } from '@civitas/service-kit';
import { AppModule } from './app.module.js';
import { AnalyticsConfig } from './config/analytics.config.js';
import { ANALYTICS } from './database/definition.js';

const config = loadConfigOrExit(AnalyticsConfig, 'analytics');
await startService(ANALYTICS, config, AppModule.forRoot(config));
