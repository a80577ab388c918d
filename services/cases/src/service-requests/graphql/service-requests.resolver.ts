import { Args, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentIdentity, Public, Roles } from '@civitas/auth';
import { Role, type Identity } from '@civitas/contracts';
import { CaseObject, CaseReadScope } from '../../cases/index.js';
import { ServiceRequestRepository } from '../service-request.repository.js';
import { CommentOnServiceRequestUseCase } from '../use-cases/comment-on-service-request/comment-on-service-request.use-case.js';
import { ReopenServiceRequestUseCase } from '../use-cases/reopen-service-request/reopen-service-request.use-case.js';
import {
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
    const found = await this.requests.list({
      ...query,
      page: query.page ?? 1,
      pageSize: query.pageSize ?? 1000,
    });
    return found.map((entity) =>
      Object.assign(CaseObject.from(entity), { attributes: entity.attributes }),
    );
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
