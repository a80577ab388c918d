import { Args, Parent, Query, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import { Public } from '@civitas/auth';
import { CatalogRepository } from '../catalog.repository.js';
import { DepartmentObject } from './department.object.js';
import { ServiceObject } from './service.object.js';

@Resolver(() => ServiceObject)
export class ServiceResolver {
  constructor(private readonly catalog: CatalogRepository) {}

  @Public()
  @Query(() => [ServiceObject], { description: 'The service catalog: what residents can request.' })
  async services(): Promise<ServiceObject[]> {
    return (await this.catalog.activeServices()).map(ServiceObject.from);
  }

  @Public()
  @Query(() => ServiceObject, { nullable: true })
  async service(@Args('code') code: string): Promise<ServiceObject | null> {
    const found = await this.catalog.service(code);
    return found ? ServiceObject.from(found) : null;
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
}
