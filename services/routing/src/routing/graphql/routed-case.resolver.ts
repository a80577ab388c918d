import { Parent, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import { Public } from '@civitas/auth';
import { DataSource } from 'typeorm';
import { CatalogRepository, DepartmentObject, QueueObject } from '../../catalog/index.js';
import { DistrictRepository, DistrictObject } from '../../districts/index.js';
import { CaseRoutingEntity } from '../case-routing.entity.js';
import { RoutedCaseObject } from './routed-case.object.js';

/**
 * Extends the cases subgraph's Case with its department, queue and routed district (its `sla` is
 * cases', which knows when it closed: docs/adr/0054). Public
 * like the case's own tracking fields: a resident following a ticket may see who owns it and by
 * when; the district says no more than the case's own (public) coordinates.
 */
@Resolver(() => RoutedCaseObject)
export class RoutedCaseResolver {
  constructor(
    private readonly dataSource: DataSource,
    private readonly catalog: CatalogRepository,
    private readonly districts: DistrictRepository,
  ) {}

  @Public()
  @ResolveReference()
  resolveReference(ref: { id: string }): RoutedCaseObject {
    return Object.assign(new RoutedCaseObject(), { id: ref.id });
  }

  @Public()
  @ResolveField(() => DepartmentObject, {
    nullable: true,
    description: 'Null until the case is routed.',
  })
  async department(@Parent() routed: RoutedCaseObject): Promise<DepartmentObject | null> {
    const decision = await this.decision(routed.id);
    if (!decision) {
      return null;
    }
    const [department] = await this.catalog.departmentsByCodes([decision.departmentCode]);
    return department ? DepartmentObject.from(department) : null;
  }

  @Public()
  @ResolveField(() => QueueObject, { nullable: true })
  async queue(@Parent() routed: RoutedCaseObject): Promise<QueueObject | null> {
    const decision = await this.decision(routed.id);
    const queue = decision ? await this.catalog.queue(decision.queueCode) : null;
    return queue ? QueueObject.from(queue) : null;
  }

  @Public()
  @ResolveField(() => DistrictObject, {
    nullable: true,
    description:
      'The district routing placed the case in from its coordinates; null before routing, without coordinates or outside every district. `district` is what clients show (an imported case keeps its legacy one).',
  })
  async routedDistrict(@Parent() routed: RoutedCaseObject): Promise<DistrictObject | null> {
    const decision = await this.decision(routed.id);
    const district = decision?.districtCode
      ? await this.districts.district(decision.districtCode)
      : null;
    return district ? DistrictObject.from(district) : null;
  }

  private decision(caseId: string): Promise<CaseRoutingEntity | null> {
    return this.dataSource.getRepository(CaseRoutingEntity).findOneBy({ caseId });
  }
}
