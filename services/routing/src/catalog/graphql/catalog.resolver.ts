import {
  Args,
  Context,
  Parent,
  Query,
  ResolveField,
  Resolver,
  ResolveReference,
} from '@nestjs/graphql';
import { CurrentIdentity, Public, Roles } from '@civitas/auth';
import { Role, type Identity } from '@civitas/contracts';
import { RequestBatcher } from '@civitas/service-kit';
import { CatalogRepository } from '../catalog.repository.js';
import type { DepartmentEntity } from '../department.entity.js';
import type { ServiceAttributeEntity } from '../service-attribute.entity.js';
import type { ServiceEntity } from '../service.entity.js';
import { DepartmentObject } from './department.object.js';
import { ServiceAttributeObject } from './service-attribute.object.js';
import { ServiceObject } from './service.object.js';

/**
 * What entity references share as their batch: Nest gives `@ResolveReference` no request context,
 * and the catalog is public and the same for every caller, so the references resolved in one turn
 * of the event loop (an Open311 list of 1,000 cases naming 150 services) are read together.
 */
const ANY_CALLER = {};

@Resolver(() => ServiceObject)
export class ServiceResolver {
  /** A list of services (or of cases naming them) reads each of these once per request, together. */
  private readonly servicesByCode: RequestBatcher<ServiceEntity>;
  private readonly attributesByService: RequestBatcher<ServiceAttributeEntity[]>;
  private readonly departmentsByCode: RequestBatcher<DepartmentEntity>;

  constructor(private readonly catalog: CatalogRepository) {
    this.servicesByCode = new RequestBatcher(
      async (codes) => new Map((await catalog.servicesByCodes(codes)).map((s) => [s.code, s])),
    );
    this.attributesByService = new RequestBatcher((codes) => catalog.attributesByService(codes));
    this.departmentsByCode = new RequestBatcher(
      async (codes) => new Map((await catalog.departmentsByCodes(codes)).map((d) => [d.code, d])),
    );
  }

  @Public()
  @Query(() => [ServiceObject], {
    description:
      'The service catalog: what residents can request; with includeInactive, the retired services too (as `service(code)` answers them), for an admin to bring one back.',
  })
  async services(
    @Args('includeInactive', { type: () => Boolean, defaultValue: false })
    includeInactive: boolean,
  ): Promise<ServiceObject[]> {
    const services = await this.catalog.catalogServices(includeInactive);
    const attributes = await this.catalog.attributesByService(services.map((s) => s.code));
    return services.map((s) => ServiceObject.from(s, attributes.get(s.code)));
  }

  @Public()
  @Query(() => ServiceObject, { nullable: true })
  async service(@Args('code') code: string): Promise<ServiceObject | null> {
    const found = await this.catalog.service(code);
    return found ? ServiceObject.from(found) : null;
  }

  @Public()
  @ResolveField(() => [ServiceAttributeObject], {
    description: 'The questions asked when this service is requested, in display order.',
  })
  async attributes(
    @Parent() service: ServiceObject,
    @Context('req') request: object,
  ): Promise<ServiceAttributeObject[]> {
    return (await this.attributesOf(service, request)).map(ServiceAttributeObject.from);
  }

  @Public()
  @ResolveField(() => Boolean, {
    description: 'Open311 `metadata`: true when the service has attributes.',
  })
  async metadata(
    @Parent() service: ServiceObject,
    @Context('req') request: object,
  ): Promise<boolean> {
    return (await this.attributesOf(service, request)).length > 0;
  }

  @Public()
  @ResolveField(() => DepartmentObject)
  async department(
    @Parent() service: ServiceObject,
    @Context('req') request: object,
  ): Promise<DepartmentObject> {
    const department = await this.departmentsByCode.load(request, service.departmentCode);
    return DepartmentObject.from(department!);
  }

  @Public()
  @ResolveReference()
  async resolveReference(ref: { code: string }): Promise<ServiceObject | null> {
    const found = await this.servicesByCode.load(ANY_CALLER, ref.code);
    return found ? ServiceObject.from(found) : null;
  }

  private async attributesOf(
    service: ServiceObject,
    request: object,
  ): Promise<ServiceAttributeEntity[]> {
    return (
      service.preloadedAttributes ??
      (await this.attributesByService.load(request, service.code)) ??
      []
    );
  }
}

@Resolver(() => DepartmentObject)
export class DepartmentResolver {
  constructor(private readonly catalog: CatalogRepository) {}

  @Public()
  @Query(() => [DepartmentObject])
  async departments(): Promise<DepartmentObject[]> {
    return (await this.catalog.departments()).map(DepartmentObject.from);
  }

  @Public()
  @ResolveReference()
  async resolveReference(ref: { id: string }): Promise<DepartmentObject | null> {
    const [found] = await this.catalog.departmentsByIds([ref.id]);
    return found ? DepartmentObject.from(found) : null;
  }

  @Roles(Role.Supervisor, Role.Admin)
  @ResolveField(() => String, {
    nullable: true,
    description:
      "The mailbox told of each of the department's cases that goes overdue (admins; supervisors of the department, null for others); null when none is set.",
  })
  escalationEmail(
    @Parent() department: DepartmentObject,
    @CurrentIdentity() caller: Identity,
  ): string | null {
    const mayRead =
      caller.roles.includes(Role.Admin) || caller.departments.includes(department.code);
    return mayRead ? department.storedEscalationEmail : null;
  }
}
