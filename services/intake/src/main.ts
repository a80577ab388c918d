import 'reflect-metadata';
import { loadConfigOrExit } from '@civitas/config';
import { startService } from '@civitas/service-kit';
import { AppModule } from './app.module.js';
import { IntakeConfig } from './config/intake.config.js';
import { INTAKE } from './database/definition.js';

const config = loadConfigOrExit(IntakeConfig, 'intake');
await startService(INTAKE, config, AppModule.forRoot(config));
