export * from './pii-cipher.js';
export * from './pii-config.validator.js';
export * from './rotate-sealed.js';
export * from './signed-token.js';
export * from './survey-link.js';
