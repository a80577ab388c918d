import 'reflect-metadata';
import { startService } from '@civitas/service-kit';
import { CASES_APP } from './app.module.js';

await startService(CASES_APP);
