export * from './platform/index.js';
export * from './schema/compose-supergraph.js';
export * from './schema/subgraph-files.js';
export * from './token/token-args.js';
export * from './token/dev-token.js';
export * from './chaos/index.js';
