import 'reflect-metadata';
import { loadConfigOrExit } from '@civitas/config';
import { prepareServiceDatabase, runSubgraph } from '@civitas/service-kit';
import { AppModule } from './app.module.js';
import { IntakeConfig } from './config/intake.config.js';
import { INTAKE } from './database/definition.js';

const config = loadConfigOrExit(IntakeConfig, 'intake');
await prepareServiceDatabase(INTAKE, config);
await runSubgraph(AppModule.forRoot(config), 'intake', config);
