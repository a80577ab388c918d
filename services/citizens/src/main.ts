import 'reflect-metadata';
import { loadConfigOrExit } from '@civitas/config';
import { startService } from '@civitas/service-kit';
import { AppModule } from './app.module.js';
import { CitizensConfig } from './config/citizens.config.js';
import { CITIZENS } from './database/definition.js';

const config = loadConfigOrExit(CitizensConfig, 'citizens');
await startService(CITIZENS, config, AppModule.forRoot(config));
