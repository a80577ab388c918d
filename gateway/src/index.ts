export * from './app.factory.js';
export * from './config/gateway.config.js';
export * from './graph/graph-executor.js';
export * from './graph/gateway-context.js';
