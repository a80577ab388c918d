export * from './ensure-database.js';
export * from './naming.strategy.js';
export * from './data-source.js';
export * from './migrate.js';
export * from './insert-many.js';
