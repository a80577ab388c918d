import 'reflect-metadata';
import { startService } from '@civitas/service-kit';
import { INTAKE_APP } from './app.module.js';

await startService(INTAKE_APP);
