import './graphql-enums.js';
export * from './subgraph.module.js';
export * from './graphql-errors.js';
export * from './http-pipeline.js';
export * from './bootstrap.js';
export * from './health.controller.js';
export * from './validation.pipe.js';
export * from './service-kit.module.js';
export * from './prepare-database.js';
