import { CreateMessagingTables1764000000000 } from '@civitas/messaging';
import type { ServiceDefinition } from '@civitas/service-kit';
import { DepartmentEntity } from '../catalog/department.entity.js';
import { QueueEntity } from '../catalog/queue.entity.js';
import { ServiceEntity } from '../catalog/service.entity.js';
import { CaseRoutingEntity } from '../routing/case-routing.entity.js';
import { RoutedCaseObject } from '../routing/graphql/routed-case.object.js';
import { CreateCatalog1764000000100 } from './migrations/1764000000100-CreateCatalog.js';

export const ROUTING: ServiceDefinition = {
  service: 'routing',
  entities: [DepartmentEntity, QueueEntity, ServiceEntity, CaseRoutingEntity],
  migrations: [CreateMessagingTables1764000000000, CreateCatalog1764000000100],
  orphanedTypes: [RoutedCaseObject],
};
