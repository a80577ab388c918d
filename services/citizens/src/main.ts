import 'reflect-metadata';
import { startService } from '@civitas/service-kit';
import { CITIZENS_APP } from './app.module.js';

await startService(CITIZENS_APP);
