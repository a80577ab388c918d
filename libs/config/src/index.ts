import 'reflect-metadata';
export * from './load-config.js';
export * from './base-service.config.js';
