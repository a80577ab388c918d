import { Module } from '@nestjs/common';
import { CatalogRepository } from './catalog.repository.js';
import { DepartmentResolver, ServiceResolver } from './graphql/catalog.resolver.js';
import { GetServiceDefinitionHandler } from './messaging/get-service-definition.handler.js';
import { CatalogAdminResolver } from './graphql/catalog-admin.resolver.js';
import { ClassifyTextHandler } from './messaging/classify-text.handler.js';
import { SaveServiceUseCase } from './use-cases/save-service/save-service.use-case.js';
import { SetServiceAttributesUseCase } from './use-cases/set-service-attributes/set-service-attributes.use-case.js';

@Module({
  providers: [
    CatalogRepository,
    ServiceResolver,
    DepartmentResolver,
    GetServiceDefinitionHandler,
    ClassifyTextHandler,
    CatalogAdminResolver,
    SaveServiceUseCase,
    SetServiceAttributesUseCase,
  ],
  exports: [CatalogRepository],
})
export class CatalogModule {}
