export { AdminHomePage } from './AdminFrame';
export { AdminCatalogPage } from './AdminCatalogPage';
export { AdminDistrictsPage } from './AdminDistrictsPage';
export { AdminStaffPage } from './AdminStaffPage';
export { AdminKeysPage } from './AdminKeysPage';
export { AdminAuditLogPage } from './AdminAuditLogPage';
