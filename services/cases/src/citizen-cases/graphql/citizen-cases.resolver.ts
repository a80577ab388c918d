import { Args, Int, Parent, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import { CurrentIdentity, Public, Roles } from '@civitas/auth';
import { PII_READER_ROLES, type Identity, assertPageSize } from '@civitas/contracts';
import { PersonalReadAudit } from '@civitas/messaging';
import { CaseObject, CaseReadScope, CaseRepository } from '../../cases/index.js';
import { CitizenReference } from './citizen-reference.object.js';

/**
 * Extends Citizen with the cases they reported. Who reported what is personal history, so it is
 * refused to the same roles as the citizens subgraph's personal fields (analysts get FORBIDDEN),
 * and each read is in citizens' audit log before anything is returned.
 */
@Resolver(() => CitizenReference)
export class CitizenCasesResolver {
  constructor(
    private readonly caseRepository: CaseRepository,
    private readonly audit: PersonalReadAudit,
  ) {}

  @Public()
  @ResolveReference()
  resolveReference(ref: { id: string }): CitizenReference {
    return Object.assign(new CitizenReference(), { id: ref.id });
  }

  @Roles(...PII_READER_ROLES)
  @ResolveField(() => [CaseObject], {
    nullable: true,
    description:
      'Cases this resident reported, newest first (staff who may see personal data only).',
  })
  async cases(
    @Parent() citizen: CitizenReference,
    @Args('first', { type: () => Int, defaultValue: 100 }) first: number,
    @CurrentIdentity() identity: Identity,
  ): Promise<CaseObject[]> {
    assertPageSize(first, 500);
    await this.audit.record(citizen.id, 'cases');
    return (
      await this.caseRepository.reportedBy(citizen.id, CaseReadScope.of(identity), {
        order: 'NEWEST_FIRST',
        limit: first,
      })
    ).map(CaseObject.from);
  }
}
