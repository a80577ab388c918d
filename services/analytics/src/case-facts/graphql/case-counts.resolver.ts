import { Args, Query, Resolver } from '@nestjs/graphql';
import { Roles } from '@civitas/auth';
import { Role } from '@civitas/contracts';
import { CaseFactRepository } from '../case-fact.repository.js';
import { CaseCountGroup, CaseCountObject } from './case-count.object.js';

@Resolver(() => CaseCountObject)
export class CaseCountsResolver {
  constructor(private readonly facts: CaseFactRepository) {}

  @Roles(Role.Analyst, Role.Supervisor, Role.Admin)
  @Query(() => [CaseCountObject], { description: 'Case volume, most frequent first.' })
  async caseCounts(
    @Args('groupBy', {
      type: () => CaseCountGroup,
      nullable: true,
      defaultValue: CaseCountGroup.SERVICE,
    })
    groupBy: CaseCountGroup | null,
  ): Promise<CaseCountObject[]> {
    const rows = await this.facts.countBy(
      groupBy === CaseCountGroup.DEPARTMENT ? 'department' : 'service',
    );
    return rows.map((r) => Object.assign(new CaseCountObject(), r));
  }
}
