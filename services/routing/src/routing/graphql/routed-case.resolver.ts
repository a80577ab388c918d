import { Context, Parent, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import { Public } from '@civitas/auth';
import { RequestBatcher } from '@civitas/service-kit';
import { DataSource, In } from 'typeorm';
import { CatalogRepository, DepartmentObject, QueueObject } from '../../catalog/index.js';
import type { DepartmentEntity, QueueEntity } from '../../catalog/index.js';
import { DistrictRepository, DistrictObject, type DistrictEntity } from '../../districts/index.js';
import { CaseRoutingEntity } from '../case-routing.entity.js';
import { RoutedCaseObject } from './routed-case.object.js';

/** Rows by one of their columns, for a batch's answer. */
function by<T, K extends keyof T>(rows: T[], key: K): Map<string, T> {
  return new Map(rows.map((row) => [String(row[key]), row]));
}

/**
 * Extends the cases subgraph's Case with its department, queue and routed district (its `sla` is
 * cases', which knows when it closed: docs/adr/0054). Public
 * like the case's own tracking fields: a resident following a ticket may see who owns it and by
 * when; the district says no more than the case's own (public) coordinates.
 *
 * A list of cases (an Open311 list of 1,000 with `agency_responsible`) reads each kind of row once
 * per request for all its cases, not once per case.
 */
@Resolver(() => RoutedCaseObject)
export class RoutedCaseResolver {
  private readonly decisions: RequestBatcher<CaseRoutingEntity>;
  private readonly departments: RequestBatcher<DepartmentEntity>;
  private readonly queues: RequestBatcher<QueueEntity>;
  private readonly routedDistricts: RequestBatcher<DistrictEntity>;

  constructor(dataSource: DataSource, catalog: CatalogRepository, districts: DistrictRepository) {
    this.decisions = new RequestBatcher(async (caseIds) =>
      by(
        await dataSource.getRepository(CaseRoutingEntity).findBy({ caseId: In(caseIds) }),
        'caseId',
      ),
    );
    this.departments = new RequestBatcher(async (codes) =>
      by(await catalog.departmentsByCodes(codes), 'code'),
    );
    this.queues = new RequestBatcher(async (codes) =>
      by(await catalog.queuesByCodes(codes), 'code'),
    );
    this.routedDistricts = new RequestBatcher(async (codes) =>
      by(await districts.byCodes(codes), 'code'),
    );
  }

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
  async department(
    @Parent() routed: RoutedCaseObject,
    @Context('req') request: object,
  ): Promise<DepartmentObject | null> {
    const decision = await this.decisions.load(request, routed.id);
    const department = decision
      ? await this.departments.load(request, decision.departmentCode)
      : null;
    return department ? DepartmentObject.from(department) : null;
  }

  @Public()
  @ResolveField(() => QueueObject, { nullable: true })
  async queue(
    @Parent() routed: RoutedCaseObject,
    @Context('req') request: object,
  ): Promise<QueueObject | null> {
    const decision = await this.decisions.load(request, routed.id);
    const queue = decision ? await this.queues.load(request, decision.queueCode) : null;
    return queue ? QueueObject.from(queue) : null;
  }

  @Public()
  @ResolveField(() => DistrictObject, {
    nullable: true,
    description:
      'The district routing placed the case in from its coordinates; null before routing, without coordinates or outside every district. `district` is what clients show (an imported case keeps its legacy one).',
  })
  async routedDistrict(
    @Parent() routed: RoutedCaseObject,
    @Context('req') request: object,
  ): Promise<DistrictObject | null> {
    const decision = await this.decisions.load(request, routed.id);
    const district = decision?.districtCode
      ? await this.routedDistricts.load(request, decision.districtCode)
      : null;
    return district ? DistrictObject.from(district) : null;
  }
}
