import { Args, ID, Parent, Query, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import { CurrentIdentity, Public, Roles } from '@civitas/auth';
import { hasAnyRole, PII_READER_ROLES, Role, type Identity } from '@civitas/contracts';
import { CaseRepository } from '../case.repository.js';
import { Visibility, TimelineEntryObject, TimelineRepository } from '../../timeline/index.js';
import { CaseObject } from './case.object.js';

const STAFF = [...PII_READER_ROLES, Role.Analyst];

@Resolver(() => CaseObject)
export class CaseResolver {
  constructor(
    private readonly cases: CaseRepository,
    private readonly timelineEntries: TimelineRepository,
  ) {}

  @Public()
  @Query(() => CaseObject, { nullable: true, description: 'Track a request by its ticket number.' })
  async caseByTicket(@Args('ticketNumber') ticketNumber: string): Promise<CaseObject | null> {
    const found = await this.cases.byTicket(ticketNumber.trim().toUpperCase());
    return found ? CaseObject.from(found) : null;
  }

  @Roles(...STAFF)
  @Query(() => CaseObject, { nullable: true })
  async case(@Args('id', { type: () => ID }) id: string): Promise<CaseObject | null> {
    const found = await this.cases.byId(id);
    return found ? CaseObject.from(found) : null;
  }

  @Public()
  @ResolveField(() => [TimelineEntryObject], {
    description: 'Residents see public entries; staff see all.',
  })
  async timeline(
    @Parent() found: CaseObject,
    @CurrentIdentity() identity: Identity,
  ): Promise<TimelineEntryObject[]> {
    const staff = hasAnyRole(identity, PII_READER_ROLES);
    const visibilities = staff ? [Visibility.Public, Visibility.Internal] : [Visibility.Public];
    return (await this.timelineEntries.forCase(found.id, visibilities)).map((entry) =>
      TimelineEntryObject.from(entry, staff),
    );
  }

  @Public()
  @ResolveField(() => CaseObject, {
    nullable: true,
    description:
      'The case this one duplicates (its parent), when staff closed it as a duplicate; null otherwise.',
  })
  async duplicateOf(@Parent() found: CaseObject): Promise<CaseObject | null> {
    if (!found.duplicateOfCaseId) {
      return null;
    }
    const parent = await this.cases.byId(found.duplicateOfCaseId);
    return parent ? CaseObject.from(parent) : null;
  }

  @Public()
  @ResolveReference()
  async resolveReference(ref: { id: string }): Promise<CaseObject | null> {
    const found = await this.cases.byId(ref.id);
    return found ? CaseObject.from(found) : null;
  }
}
