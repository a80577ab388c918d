export * from './pii-cipher.js';
