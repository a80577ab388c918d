export * from './request-context.js';
export * from './logger.js';
export * from './metrics.js';
export * from './metrics-listener.js';
export * from './supervisor.js';
export * from './listening.js';
export * from './mask.js';
export * from './redact.js';
