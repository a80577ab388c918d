import { Args, ID, Int, Query, Resolver } from '@nestjs/graphql';
import { CurrentIdentity, Roles } from '@civitas/auth';
import { assertPageSize, Role, type Identity } from '@civitas/contracts';
import { CaseErrorCode, CaseException } from '../case.exception.js';
import { CaseReadScope } from '../case-read-scope.js';
import { CaseRepository } from '../case.repository.js';
import { CaseObject } from './case.object.js';

const PAGE_MAX = 200;

@Resolver(() => CaseObject)
export class OverdueCasesResolver {
  constructor(private readonly cases: CaseRepository) {}

  /** Supervisors of the department and admins: the work list escalation points to (ADR 0058). */
  @Roles(Role.Supervisor, Role.Admin)
  @Query(() => [CaseObject], {
    description:
      'Open cases past their due time, the longest overdue first (docs/adr/0058): of `departmentCode`, or without it every department of a supervisor (all for admins). Supervisors of the department and admins. Page with `first` (at most 200) and `after` (the id of the last case of the page before).',
  })
  async overdueCases(
    @Args('departmentCode', { type: () => String, nullable: true }) departmentCode: string | null,
    @Args('first', { type: () => Int, defaultValue: 50 }) first: number,
    @Args('after', { type: () => ID, nullable: true }) after: string | null,
    @CurrentIdentity() identity: Identity,
  ): Promise<CaseObject[]> {
    assertPageSize(first, PAGE_MAX);
    const admin = identity.roles.includes(Role.Admin);
    if (departmentCode && !admin && !identity.departments.includes(departmentCode)) {
      throw new CaseException(
        CaseErrorCode.OutsideDepartments,
        `You do not supervise department ${departmentCode}`,
        [{ field: 'departmentCode', reason: 'not a department you supervise' }],
      );
    }
    const departments = departmentCode ? [departmentCode] : admin ? null : identity.departments;
    const found = await this.cases.overdueIn(departments, new Date(), CaseReadScope.of(identity), {
      first,
      after,
    });
    return found.map(CaseObject.from);
  }
}
