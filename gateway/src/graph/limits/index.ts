export * from './depth-limit.rule.js';
export * from './alias-limit.rule.js';
