export * from './infrastructure.js';
export * from './test-database.js';
export * from './graphql-client.js';
export * from './wait-for.js';
export * from './service-harness.js';
export * from './respond-as.js';
export * from './bus-probes.js';
export * from './schema-check.js';
