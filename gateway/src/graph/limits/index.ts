export * from './alias-limit.rule.js';
export * from './depth-limit.rule.js';
export * from './directive-limit.rule.js';
export * from './fragment-spread-limit.rule.js';
export * from './limit-code.js';
export * from './repeated-field-limit.rule.js';
export * from './variable-limits.js';
