// What the rest of intake may use of its copy of the catalog (docs/adr/0033); the rest is internal.
export { CatalogModule } from './catalog.module.js';
export { ServiceCatalog, type CatalogLookup } from './service-catalog.js';
export { ServiceDefinitionEntity } from './service-definition.entity.js';
