import 'reflect-metadata';
import { loadConfigOrExit } from '@civitas/config';
import { prepareServiceDatabase, runSubgraph } from '@civitas/service-kit';
import { AppModule } from './app.module.js';
import { CasesConfig } from './config/cases.config.js';
import { CASES } from './database/definition.js';

const config = loadConfigOrExit(CasesConfig, 'cases');
await prepareServiceDatabase(CASES, config);
await runSubgraph(AppModule.forRoot(config), 'cases', config);
