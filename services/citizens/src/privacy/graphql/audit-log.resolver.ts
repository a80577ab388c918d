import { Args, ID, Int, Query, Resolver } from '@nestjs/graphql';
import { Roles } from '@civitas/auth';
import { Role, assertPageSize } from '@civitas/contracts';
import { PrivacyException } from '../privacy.exception.js';
import { isUUID } from 'class-validator';
import { PiiAccessAuditRepository } from '../pii-access-audit.repository.js';
import { AuditEntryObject } from './audit-entry.object.js';

@Resolver(() => AuditEntryObject)
export class AuditLogResolver {
  constructor(private readonly audit: PiiAccessAuditRepository) {}

  @Roles(Role.Admin)
  @Query(() => [AuditEntryObject], {
    description: 'Reads of personal data, newest first (admins only). The log cannot be changed.',
  })
  auditLog(
    @Args('citizenId', { type: () => ID, nullable: true }) citizenId?: string,
    @Args('actorSub', { type: () => String, nullable: true }) actorSub?: string,
    @Args('since', { type: () => Date, nullable: true }) since?: Date,
    @Args('first', { type: () => Int, defaultValue: 100 }) first = 100,
  ): Promise<AuditEntryObject[]> {
    if (citizenId !== undefined && citizenId !== null && !isUUID(citizenId)) {
      throw PrivacyException.invalid('citizenId', 'must be a UUID');
    }
    assertPageSize(first, 1000);
    return this.audit
      .search({
        citizenId: citizenId ?? undefined,
        actorSub: actorSub ?? undefined,
        since: since ?? undefined,
        limit: first,
      })
      .then((rows) => rows.map(AuditEntryObject.from));
  }
}
