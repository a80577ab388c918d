import { Args, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentIdentity, Public, Roles } from '@civitas/auth';
import { Role, type Identity } from '@civitas/contracts';
import { CaseObject, CaseReadScope, ProvisionalCases, type CaseEntity } from '../../cases/index.js';
import {
  ServiceRequestRepository,
  type ServiceRequestQuery,
} from '../service-request.repository.js';
import { CommentOnServiceRequestUseCase } from '../use-cases/comment-on-service-request/comment-on-service-request.use-case.js';
import { ReopenServiceRequestUseCase } from '../use-cases/reopen-service-request/reopen-service-request.use-case.js';
import {
  MAX_PAGE_SIZE,
  ServiceRequestFilterInput,
  ServiceRequestUpdateFilterInput,
} from './service-request-filter.input.js';
import { CaseAttributeObject, ServiceRequestUpdateObject } from './service-request.object.js';
import {
  CommentOnServiceRequestInput,
  ReopenServiceRequestInput,
} from './service-request-update.input.js';

/** API clients (Open311 apps) and staff may comment on and reopen requests. */
const UPDATERS = [Role.Integration, Role.Agent, Role.Caseworker, Role.Supervisor, Role.Admin];

type CaseWithAttributes = CaseObject & { attributes?: Record<string, string | string[]> | null };

/**
 * The public listing behind Open311 `GET requests` and `GET servicerequestupdates`: only what
 * the standard makes public, never a private request and never who reported one.
 */
@Resolver(() => CaseObject)
export class ServiceRequestsResolver {
  constructor(
    private readonly requests: ServiceRequestRepository,
    private readonly comment: CommentOnServiceRequestUseCase,
    private readonly reopen: ReopenServiceRequestUseCase,
    private readonly provisional: ProvisionalCases,
  ) {}

  @Public()
  @Query(() => [CaseObject], {
    description: 'Public service requests, newest first (Open311 GET requests).',
  })
  async serviceRequests(
    @Args('filter', { type: () => ServiceRequestFilterInput, nullable: true })
    filter?: ServiceRequestFilterInput,
  ): Promise<CaseObject[]> {
    const query = filter ?? Object.assign(new ServiceRequestFilterInput(), {});
    const paged = { ...query, page: query.page ?? 1, pageSize: query.pageSize ?? MAX_PAGE_SIZE };
    const found = await this.withProvisional(paged, await this.requests.list(paged));
    return found.map((entity) =>
      Object.assign(CaseObject.from(entity), { attributes: entity.attributes }),
    );
  }

  /**
   * Requests asked for by ticket that have no case yet are listed as intake accepted them, when
   * public and within the other filters (docs/adr/0070): an Open311 client reads back the id it
   * was just given. Only a list by tickets that missed some pays for it.
   */
  private async withProvisional(
    query: ServiceRequestQuery,
    page: CaseEntity[],
  ): Promise<CaseEntity[]> {
    if (!query.ticketNumbers) {
      return page;
    }
    const listed = new Set(page.map((c) => c.ticketNumber));
    const provisional = (
      await this.provisional.forTickets(
        query.ticketNumbers.filter((t) => !listed.has(t)),
        CaseReadScope.PUBLIC,
      )
    ).filter((c) => withinFilter(c, query));
    if (provisional.length === 0) {
      return page;
    }
    // At most MAX_PAGE_SIZE tickets: every case they name fits one read, paged with the rest.
    const cases =
      query.page === 1 && page.length < query.pageSize
        ? page
        : await this.requests.list({ ...query, page: 1, pageSize: MAX_PAGE_SIZE });
    return [...cases, ...provisional]
      .sort(
        (a, b) =>
          b.openedAt.getTime() - a.openedAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
      )
      .slice((query.page - 1) * query.pageSize, query.page * query.pageSize);
  }

  @Public()
  @Query(() => [ServiceRequestUpdateObject], {
    description: 'Public timeline entries of public requests, newest first.',
  })
  async serviceRequestUpdates(
    @Args('filter', { type: () => ServiceRequestUpdateFilterInput, nullable: true })
    filter?: ServiceRequestUpdateFilterInput,
  ): Promise<ServiceRequestUpdateObject[]> {
    const updates = await this.requests.publicUpdates({
      ...filter,
      page: filter?.page ?? 1,
      limit: filter?.limit ?? 1000,
    });
    return updates.map(ServiceRequestUpdateObject.from);
  }

  @Roles(...UPDATERS)
  @Mutation(() => ServiceRequestUpdateObject, {
    description: 'Adds a public comment to a request.',
  })
  async commentOnServiceRequest(
    @Args('input') input: CommentOnServiceRequestInput,
    @CurrentIdentity() identity: Identity,
  ): Promise<ServiceRequestUpdateObject> {
    const update = await this.comment.execute({
      ...input,
      ticketNumber: input.ticketNumber.trim().toUpperCase(),
      by: identity.clientId ?? identity.sub,
    });
    return ServiceRequestUpdateObject.from(update);
  }

  @Roles(...UPDATERS)
  @Mutation(() => ServiceRequestUpdateObject, {
    description: 'Reopens a closed request a resident says is not fixed.',
  })
  async reopenServiceRequest(
    @Args('input') input: ReopenServiceRequestInput,
    @CurrentIdentity() identity: Identity,
  ): Promise<ServiceRequestUpdateObject> {
    const update = await this.reopen.execute({
      ...input,
      ticketNumber: input.ticketNumber.trim().toUpperCase(),
      by: identity.clientId ?? identity.sub,
    });
    return ServiceRequestUpdateObject.from(update);
  }

  @Public()
  @ResolveField(() => [CaseAttributeObject], {
    description: "Answers to the service's questions, as submitted.",
  })
  async attributes(
    @Parent() found: CaseWithAttributes,
    @CurrentIdentity() identity: Identity,
  ): Promise<CaseAttributeObject[]> {
    const attributes =
      found.attributes !== undefined
        ? found.attributes
        : await this.requests.attributesOf(found.id, CaseReadScope.of(identity));
    return CaseAttributeObject.listFrom(attributes);
  }
}

/** Whether a provisional case meets the filters other than its ticket, as the list's SQL would. */
function withinFilter(found: CaseEntity, query: ServiceRequestQuery): boolean {
  const box = query.boundingBox;
  return (
    (!query.serviceCodes || query.serviceCodes.includes(found.serviceCode)) &&
    (!query.statuses || query.statuses.includes(found.status)) &&
    (!query.openedFrom || found.openedAt >= query.openedFrom) &&
    (!query.openedTo || found.openedAt <= query.openedTo) &&
    (!box ||
      (found.latitude !== null &&
        found.longitude !== null &&
        found.latitude >= box.south &&
        found.latitude <= box.north &&
        found.longitude >= box.west &&
        found.longitude <= box.east))
  );
}
