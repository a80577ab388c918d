import { Module } from '@nestjs/common';
import { CatalogRepository } from './catalog.repository.js';
import { DepartmentResolver, ServiceResolver } from './graphql/catalog.resolver.js';
import { GetServiceDefinitionHandler } from './messaging/get-service-definition.handler.js';

@Module({
  providers: [CatalogRepository, ServiceResolver, DepartmentResolver, GetServiceDefinitionHandler],
  exports: [CatalogRepository],
})
export class CatalogModule {}
