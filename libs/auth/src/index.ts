export * from './identity-header.js';
export * from './decorators.js';
export * from './roles.guard.js';
export * from './dev-token.js';
