import { Args, Int, Query, Resolver } from '@nestjs/graphql';
import { Roles } from '@civitas/auth';
import { ADMIN_CHANGE_KINDS, Role, assertPageSize } from '@civitas/contracts';
import { AdminChangeAuditRepository } from '../admin-change-audit.repository.js';
import { AdminChangeException } from '../admin-change.exception.js';
import { AdminChangeObject } from './admin-change.object.js';

@Resolver(() => AdminChangeObject)
export class AdminChangeLogResolver {
  constructor(private readonly log: AdminChangeAuditRepository) {}

  @Roles(Role.Admin)
  @Query(() => [AdminChangeObject], {
    description:
      'Configuration changes made by admins and supervisors in every service, newest first (admins only). The log cannot be changed.',
  })
  adminChangeLog(
    @Args('kind', { type: () => String, nullable: true }) kind?: string,
    @Args('actorSub', { type: () => String, nullable: true }) actorSub?: string,
    @Args('since', { type: () => Date, nullable: true }) since?: Date,
    @Args('first', { type: () => Int, defaultValue: 100 }) first = 100,
  ): Promise<AdminChangeObject[]> {
    if (kind && !(ADMIN_CHANGE_KINDS as readonly string[]).includes(kind)) {
      throw AdminChangeException.invalid('kind', `must be one of ${ADMIN_CHANGE_KINDS.join(', ')}`);
    }
    assertPageSize(first, 1000);
    return this.log
      .search({
        kind: kind ?? undefined,
        actorSub: actorSub ?? undefined,
        since: since ?? undefined,
        limit: first,
      })
      .then((rows) => rows.map(AdminChangeObject.from));
  }
}
