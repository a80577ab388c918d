export * from './input.builder.js';
export * from './submit-service-request-input.builder.js';
export * from './case-work-input.builders.js';
export * from './set-consent-input.builder.js';
export * from './import-legacy-records-input.builder.js';
export * from './routing-rule-input.builder.js';
