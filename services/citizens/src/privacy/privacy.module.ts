import { Module } from '@nestjs/common';
import { PiiAccessAuditRepository } from './pii-access-audit.repository.js';
import { PiiAccessPolicy } from './pii-access.policy.js';
import { AuditLogResolver } from './graphql/audit-log.resolver.js';

@Module({
  providers: [PiiAccessAuditRepository, PiiAccessPolicy, AuditLogResolver],
  exports: [PiiAccessPolicy, PiiAccessAuditRepository],
})
export class PrivacyModule {}
