export * from './payload-builder.js';
export * from './submission-accepted.builder.js';
export * from './case-events.builder.js';
export * from './case-routed.builder.js';
export * from './interaction-logged.builder.js';
export * from './history.builder.js';
export * from './citizen-events.builder.js';
