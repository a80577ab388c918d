import {
  Args,
  Context,
  Directive,
  ID,
  Int,
  Parent,
  Query,
  ResolveField,
  Resolver,
  ResolveReference,
} from '@nestjs/graphql';
import { CurrentIdentity, Public, Roles } from '@civitas/auth';
import { hasAnyRole, PII_READER_ROLES, Role, SlaState, type Identity } from '@civitas/contracts';
import { RequestBatcher } from '@civitas/service-kit';
import type { CaseEntity } from '../case.entity.js';
import { CaseReadScope, servesResidents } from '../case-read-scope.js';
import { CaseRepository } from '../case.repository.js';
import { ProvisionalCases } from '../provisional-cases.js';
import { Visibility, TimelineEntryObject, TimelineRepository } from '../../timeline/index.js';
import { slaStanding } from '../service-level.js';
import { CaseSlaObject } from './case-sla.object.js';
import { CaseObject, TicketStatusObject } from './case.object.js';

const STAFF = [...PII_READER_ROLES, Role.Analyst];

@Resolver(() => CaseObject)
export class CaseResolver {
  /** A list of 1,000 cases (an Open311 list) asks for 1,000 "me too" counts: one query per request. */
  private readonly followerCounts: RequestBatcher<number>;

  constructor(
    private readonly cases: CaseRepository,
    private readonly timelineEntries: TimelineRepository,
    private readonly provisional: ProvisionalCases,
  ) {
    this.followerCounts = new RequestBatcher((ids) => this.cases.followerCounts(ids));
  }

  /**
   * A ticket intake has acknowledged whose case is not open yet answers as that case will open
   * (status NEW, not routed), under the same read rules (docs/adr/0070).
   */
  @Public()
  @Query(() => CaseObject, { nullable: true, description: 'Track a request by its ticket number.' })
  async caseByTicket(
    @Args('ticketNumber') ticketNumber: string,
    @CurrentIdentity() identity: Identity,
  ): Promise<CaseObject | null> {
    const found = await this.byTicket(ticketNumber, CaseReadScope.of(identity));
    // Its answers ride along (`attributes` reads them from there): a provisional case has no row.
    return found ? Object.assign(CaseObject.from(found), { attributes: found.attributes }) : null;
  }

  /**
   * A private case is null in `caseByTicket` to all but the staff who serve residents, because
   * a Case carries fields other subgraphs resolve by its id (department, queue, district): its
   * status is the one thing anyone holding the ticket learns, here (docs/adr/0057).
   */
  @Public()
  @Query(() => TicketStatusObject, {
    nullable: true,
    description:
      'The status of a request by its ticket number, private requests included (their status only).',
  })
  async ticketStatus(
    @Args('ticketNumber') ticketNumber: string,
  ): Promise<TicketStatusObject | null> {
    const found = await this.byTicket(ticketNumber, CaseReadScope.ALL);
    return found ? TicketStatusObject.from(found) : null;
  }

  /** The case, else the provisional one of a ticket intake accepted (docs/adr/0070). */
  private async byTicket(ticketNumber: string, scope: CaseReadScope): Promise<CaseEntity | null> {
    const ticket = ticketNumber.trim().toUpperCase();
    const found = await this.cases.byTicket(ticket, scope);
    if (found || ticket.length === 0 || ticket.length > 64) {
      return found;
    }
    const [provisional] = await this.provisional.forTickets([ticket], scope);
    return provisional ?? null;
  }

  @Roles(...STAFF)
  @Query(() => CaseObject, { nullable: true })
  async case(
    @Args('id', { type: () => ID }) id: string,
    @CurrentIdentity() identity: Identity,
  ): Promise<CaseObject | null> {
    const found = await this.cases.byId(id, CaseReadScope.of(identity));
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
  async duplicateOf(
    @Parent() found: CaseObject,
    @CurrentIdentity() identity: Identity,
  ): Promise<CaseObject | null> {
    if (!found.duplicateOfCaseId) {
      return null;
    }
    const parent = await this.cases.byId(found.duplicateOfCaseId, CaseReadScope.of(identity));
    return parent ? CaseObject.from(parent) : null;
  }

  /**
   * Public like `status`: a resident tracking the parent sees each part's ticket and status
   * (docs/adr/0062). A part the caller may not see (private, ADR 0041) is left out.
   */
  @Public()
  @ResolveField(() => [CaseObject], {
    description:
      'The parts this case was split into, each a case of its own (empty for a case never split). A part appears once it is opened, a moment after the split.',
  })
  async children(
    @Parent() found: CaseObject,
    @CurrentIdentity() identity: Identity,
  ): Promise<CaseObject[]> {
    // Lists (Open311, worklists) ask every case for its parts: only a split case has any.
    if (!found.wasSplit) {
      return [];
    }
    const children = await this.cases.childrenOf(found.id, CaseReadScope.of(identity));
    return children.map((c) => CaseObject.from(c));
  }

  @Public()
  @ResolveField(() => CaseObject, {
    nullable: true,
    description: 'The case this one was split from; null for a case not split from another.',
  })
  async parent(
    @Parent() found: CaseObject,
    @CurrentIdentity() identity: Identity,
  ): Promise<CaseObject | null> {
    if (!found.parentCaseId) {
      return null;
    }
    const parent = await this.cases.byId(found.parentCaseId, CaseReadScope.of(identity));
    return parent ? CaseObject.from(parent) : null;
  }

  /**
   * Staff only: a link made by location is a guess about someone else's report, and its private
   * parent is seen only by those the read scope lets see it (ADR 0041, 0063).
   */
  @Public()
  @ResolveField(() => CaseObject, {
    nullable: true,
    description:
      'For staff: the open case this one was reported near when it was opened (same service, within its duplicate distance and window), until staff confirm it (markCaseDuplicate) or reject it (rejectPossibleDuplicate); null otherwise.',
  })
  async possibleDuplicateOf(
    @Parent() found: CaseObject,
    @CurrentIdentity() identity: Identity,
  ): Promise<CaseObject | null> {
    if (!found.possibleDuplicateOfCaseId || !hasAnyRole(identity, STAFF)) {
      return null;
    }
    const parent = await this.cases.byId(
      found.possibleDuplicateOfCaseId,
      CaseReadScope.of(identity),
    );
    return parent ? CaseObject.from(parent) : null;
  }

  /** A count, public like the Open311 attribute it feeds: it names no one. */
  @Public()
  @ResolveField(() => Int, {
    description:
      'How many reports were closed as duplicates of this one and follow it (the "me too" count): their reporters are told of its changes and closure.',
  })
  async followers(@Parent() found: CaseObject, @Context('req') request: object): Promise<number> {
    return (await this.followerCounts.load(request, found.id)) ?? 0;
  }

  /**
   * Public like `dueAt` and `status`, which it is computed from: a resident tracking a ticket may
   * see whether it is on time. The wall clock is read here, at the edge; the rule is pure.
   */
  @Public()
  @ResolveField(() => CaseSlaObject, {
    nullable: true,
    description: 'Its service-level target and where it stands now; null until routed.',
  })
  sla(@Parent() found: CaseObject): CaseSlaObject | null {
    if (!found.dueAt || !found.atRiskAt || !found.slaClock || !found.slaHours || !found.priority) {
      return null;
    }
    const standing = slaStanding(
      {
        status: found.status,
        dueAt: found.dueAt,
        atRiskAt: found.atRiskAt,
        closedAt: found.closedAt,
        heldSince: found.slaHeldSince,
        heldMinutes: found.slaHeldMinutes,
      },
      new Date(),
    );
    return Object.assign(new CaseSlaObject(), {
      dueAt: found.dueAt,
      atRiskAt: found.atRiskAt,
      pausedSince: found.slaHeldSince,
      clock: found.slaClock,
      hours: found.slaHours,
      ...standing,
      priority: found.priority,
      targetHours: found.slaHours,
      overdue: standing.state === SlaState.OVERDUE,
    });
  }

  /**
   * For the citizens subgraph, which resolves `reporter` from it; hidden from clients. Only staff
   * who serve residents get it: to anyone else a stable id would group one resident's reports.
   */
  @Public()
  @ResolveField('reporterId', () => ID, { nullable: true })
  @Directive('@inaccessible')
  reporterIdFor(@Parent() found: CaseObject, @CurrentIdentity() identity: Identity): string | null {
    return servesResidents(identity) ? found.reporterId : null;
  }

  @Public()
  @ResolveReference()
  async resolveReference(
    @Parent() ref: { id: string },
    @CurrentIdentity() identity: Identity,
  ): Promise<CaseObject | null> {
    const found = await this.cases.byId(ref.id, CaseReadScope.of(identity));
    return found ? CaseObject.from(found) : null;
  }
}
