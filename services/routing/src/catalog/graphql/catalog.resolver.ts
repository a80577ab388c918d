import { Args, Parent, Query, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import { CurrentIdentity, Public, Roles } from '@civitas/auth';
import { Role, type Identity } from '@civitas/contracts';
import { CatalogRepository } from '../catalog.repository.js';
import { DepartmentObject } from './department.object.js';
import { ServiceAttributeObject } from './service-attribute.object.js';
import { ServiceObject } from './service.object.js';

@Resolver(() => ServiceObject)
export class ServiceResolver {
  constructor(private readonly catalog: CatalogRepository) {}

  @Public()
  @Query(() => [ServiceObject], { description: 'The service catalog: what residents can request.' })
  async services(): Promise<ServiceObject[]> {
    const services = await this.catalog.activeServices();
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
  async attributes(@Parent() service: ServiceObject): Promise<ServiceAttributeObject[]> {
    const rows = service.preloadedAttributes ?? (await this.catalog.attributes(service.code));
    return rows.map(ServiceAttributeObject.from);
  }

  @Public()
  @ResolveField(() => Boolean, {
    description: 'Open311 `metadata`: true when the service has attributes.',
  })
  async metadata(@Parent() service: ServiceObject): Promise<boolean> {
    const rows = service.preloadedAttributes ?? (await this.catalog.attributes(service.code));
    return rows.length > 0;
  }

  @Public()
  @ResolveField(() => DepartmentObject)
  async department(@Parent() service: ServiceObject): Promise<DepartmentObject> {
    const [department] = await this.catalog.departmentsByCodes([service.departmentCode]);
    return DepartmentObject.from(department);
  }

  @Public()
  @ResolveReference()
  async resolveReference(ref: { code: string }): Promise<ServiceObject | null> {
    const found = await this.catalog.service(ref.code);
    return found ? ServiceObject.from(found) : null;
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
