import 'reflect-metadata';
import { loadConfigOrExit } from '@civitas/config';
import { prepareServiceDatabase, runSubgraph } from '@civitas/service-kit';
import { AppModule } from './app.module.js';
import { CitizensConfig } from './config/citizens.config.js';
import { CITIZENS } from './database/definition.js';

const config = loadConfigOrExit(CitizensConfig, 'citizens');
await prepareServiceDatabase(CITIZENS, config);
await runSubgraph(AppModule.forRoot(config), 'citizens', config);
