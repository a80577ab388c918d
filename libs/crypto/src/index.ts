export * from './pii-cipher.js';
export * from './pii-config.validator.js';
