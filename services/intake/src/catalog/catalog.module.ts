import { Module } from '@nestjs/common';
import { ServiceDefinitionChangedHandler } from './messaging/service-definition-changed.handler.js';
import { ServiceCatalog } from './service-catalog.js';
import { ServiceDefinitionsRepository } from './service-definitions.repository.js';

/** Intake's own copy of routing's service catalog, which every channel validates against. */
@Module({
  providers: [ServiceDefinitionsRepository, ServiceCatalog, ServiceDefinitionChangedHandler],
  exports: [ServiceCatalog],
})
export class CatalogModule {}
