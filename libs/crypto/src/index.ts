export * from './pii-cipher.js';
export * from './pii-config.validator.js';
export * from './rotate-sealed.js';
