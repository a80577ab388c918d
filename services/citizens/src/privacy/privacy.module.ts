import { Module } from '@nestjs/common';
import { DeniedReadTally } from './denied-read-tally.js';
import { PiiAccessAuditRepository } from './pii-access-audit.repository.js';
import { PiiAccessPolicy } from './pii-access.policy.js';
import { AuditLogResolver } from './graphql/audit-log.resolver.js';
import { RecordPersonalReadHandler } from './messaging/record-personal-read.handler.js';

@Module({
  providers: [
    PiiAccessAuditRepository,
    DeniedReadTally,
    PiiAccessPolicy,
    AuditLogResolver,
    RecordPersonalReadHandler,
  ],
  exports: [PiiAccessPolicy, PiiAccessAuditRepository],
})
export class PrivacyModule {}
