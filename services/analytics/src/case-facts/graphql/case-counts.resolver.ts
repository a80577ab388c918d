import { Args, Query, Resolver } from '@nestjs/graphql';
import { CurrentIdentity, Roles } from '@civitas/auth';
import { Role, type Identity } from '@civitas/contracts';
import { CaseFactRepository } from '../case-fact.repository.js';
import { departmentsVisibleTo } from '../figures-scope.js';
import { CaseCountGroup, CaseCountObject } from './case-count.object.js';
import { StatusTransitionCountObject } from './status-transition-count.object.js';

@Resolver(() => CaseCountObject)
export class CaseCountsResolver {
  constructor(private readonly facts: CaseFactRepository) {}

  @Roles(Role.Analyst, Role.Supervisor, Role.Admin)
  @Query(() => [CaseCountObject], {
    description: 'Case volume, most frequent first. Supervisors: their departments only.',
  })
  async caseCounts(
    @CurrentIdentity() actor: Identity,
    @Args('groupBy', {
      type: () => CaseCountGroup,
      nullable: true,
      defaultValue: CaseCountGroup.SERVICE,
    })
    groupBy: CaseCountGroup | null,
  ): Promise<CaseCountObject[]> {
    const rows = await this.facts.countBy(
      groupBy === CaseCountGroup.DEPARTMENT ? 'department' : 'service',
      departmentsVisibleTo(actor),
    );
    return rows.map((r) => Object.assign(new CaseCountObject(), r));
  }

  @Roles(Role.Analyst, Role.Supervisor, Role.Admin)
  @Query(() => [StatusTransitionCountObject], {
    description:
      'Status changes of cases by from and to status, most frequent first. Supervisors: their departments only.',
  })
  async statusTransitions(
    @CurrentIdentity() actor: Identity,
  ): Promise<StatusTransitionCountObject[]> {
    const rows = await this.facts.transitionCounts(departmentsVisibleTo(actor));
    return rows.map((r) => Object.assign(new StatusTransitionCountObject(), r));
  }
}
