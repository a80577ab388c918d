import { Module } from '@nestjs/common';
import { CalendarsModule } from '../calendars/index.js';
import { CatalogRepository } from './catalog.repository.js';
import { DepartmentResolver, ServiceResolver } from './graphql/catalog.resolver.js';
import { GetServiceCatalogHandler } from './messaging/get-service-catalog.handler.js';
import { GetServiceDefinitionHandler } from './messaging/get-service-definition.handler.js';
import { ServiceDefinitionPublisher } from './service-definition.publisher.js';
import { CatalogAdminResolver } from './graphql/catalog-admin.resolver.js';
import { GetDepartmentQueuesHandler } from './messaging/get-department-queues.handler.js';
import { QueueResolver } from './graphql/queue.resolver.js';
import { SaveQueueUseCase } from './use-cases/save-queue/save-queue.use-case.js';
import { ClassifyTextHandler } from './messaging/classify-text.handler.js';
import { SaveServiceUseCase } from './use-cases/save-service/save-service.use-case.js';
import { SetDepartmentCalendarUseCase } from './use-cases/set-department-calendar/set-department-calendar.use-case.js';
import { SetDepartmentEscalationEmailUseCase } from './use-cases/set-department-escalation-email/set-department-escalation-email.use-case.js';
import { SetServiceAttributesUseCase } from './use-cases/set-service-attributes/set-service-attributes.use-case.js';

@Module({
  imports: [CalendarsModule],
  providers: [
    CatalogRepository,
    ServiceResolver,
    DepartmentResolver,
    GetServiceDefinitionHandler,
    GetServiceCatalogHandler,
    ServiceDefinitionPublisher,
    ClassifyTextHandler,
    CatalogAdminResolver,
    SaveServiceUseCase,
    SetServiceAttributesUseCase,
    SetDepartmentCalendarUseCase,
    SetDepartmentEscalationEmailUseCase,
    QueueResolver,
    SaveQueueUseCase,
    GetDepartmentQueuesHandler,
  ],
  exports: [CatalogRepository],
})
export class CatalogModule {}
