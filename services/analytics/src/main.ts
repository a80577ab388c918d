import 'reflect-metadata';
import { startService } from '@civitas/service-kit';
import { ANALYTICS_APP } from './app.module.js';

await startService(ANALYTICS_APP);
