export { PrivacyModule } from './privacy.module.js';
export { PiiAccessAuditEntity } from './pii-access-audit.entity.js';
export { PiiAccessAuditRepository } from './pii-access-audit.repository.js';
export { PiiAccessPolicy, statePurpose, type PiiField } from './pii-access.policy.js';
export { CITIZENS_SEALED_TABLES } from './sealed-columns.js';
