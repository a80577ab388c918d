import { Module } from '@nestjs/common';
import { PiiAccessAuditRepository } from './pii-access-audit.repository.js';
import { PiiAccessPolicy } from './pii-access.policy.js';

@Module({
  providers: [PiiAccessAuditRepository, PiiAccessPolicy],
  exports: [PiiAccessPolicy, PiiAccessAuditRepository],
})
export class PrivacyModule {}
