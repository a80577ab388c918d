import 'reflect-metadata';
export * from './load-config.js';
export * from './fields.js';
export * from './process.config.js';
export * from './base-service.config.js';
export * from './secrets.js';
