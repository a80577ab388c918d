import 'reflect-metadata';

export * from './roles.js';
export * from './identity.js';
export * from './enums.js';
export * from './envelope.js';
export * from './contract.js';
export * from './validation.js';
export * from './headers.js';
export * from './messages/shared.js';
export * from './messages/intake.js';
export * from './messages/cases.js';
export * from './messages/routing.js';
export * from './messages/citizens.js';
export * from './registry.js';
export * from './errors.js';
