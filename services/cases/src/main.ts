import 'reflect-metadata';
import { loadConfigOrExit } from '@civitas/config';
import { startService } from '@civitas/service-kit';
import { AppModule } from './app.module.js';
import { CasesConfig } from './config/cases.config.js';
import { CASES } from './database/definition.js';

const config = loadConfigOrExit(CasesConfig, 'cases');
await startService(CASES, config, AppModule.forRoot(config));
