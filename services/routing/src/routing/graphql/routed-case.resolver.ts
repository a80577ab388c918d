import { Parent, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import { Public } from '@civitas/auth';
import { DataSource } from 'typeorm';
import { CatalogRepository } from '../../catalog/catalog.repository.js';
import { DepartmentObject } from '../../catalog/graphql/department.object.js';
import { CaseRoutingEntity } from '../case-routing.entity.js';
import { QueueObject, RoutedCaseObject, SlaObject } from './routed-case.object.js';

/**
 * Extends the cases subgraph's Case with its department, queue and SLA. Public like the case's
 * own tracking fields: a resident following a ticket may see who owns it and by when.
 */
@Resolver(() => RoutedCaseObject)
export class RoutedCaseResolver {
  constructor(
    private readonly dataSource: DataSource,
    private readonly catalog: CatalogRepository,
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
    return queue ? { code: queue.code, name: queue.name } : null;
  }

  @Public()
  @ResolveField(() => SlaObject, { nullable: true })
  async sla(@Parent() routed: RoutedCaseObject): Promise<SlaObject | null> {
    const decision = await this.decision(routed.id);
    if (!decision) {
      return null;
    }
    return {
      priority: decision.priority,
      targetHours: decision.targetHours,
      dueAt: decision.dueAt,
      overdue: decision.dueAt.getTime() < Date.now(),
    };
  }

  private decision(caseId: string): Promise<CaseRoutingEntity | null> {
    return this.dataSource.getRepository(CaseRoutingEntity).findOneBy({ caseId });
  }
}
