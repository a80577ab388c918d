export { AdminChangesModule } from './admin-changes.module.js';
export { AdminChangeAuditEntity } from './admin-change.entity.js';
