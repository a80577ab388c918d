export * from './launch-platform.js';
export * from './dev-secrets.js';
export * from './line-prefixer.js';
export * from './managed-process.js';
export * from './platform.error.js';
export * from './repo-root.js';
export * from './net.js';
