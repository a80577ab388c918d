export * from './chaos-audit.js';
export * from './chaos-report.js';
export * from './chaos-run.js';
export * from './own-infrastructure.js';
export * from './steady-load.js';
