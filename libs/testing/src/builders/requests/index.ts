export * from './resolve-identity-request.builder.js';
