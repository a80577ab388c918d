// What the rest of routing may use of the service catalog (docs/adr/0033); the rest is internal.
export { CatalogModule } from './catalog.module.js';
export { CatalogRepository } from './catalog.repository.js';
export { DepartmentEntity } from './department.entity.js';
export { QueueEntity } from './queue.entity.js';
export { ServiceAttributeEntity } from './service-attribute.entity.js';
export { ServiceEntity } from './service.entity.js';
export { DepartmentObject } from './graphql/department.object.js';
export { QueueObject } from './graphql/queue.object.js';
export { seedCatalog } from './catalog.seed.js';
export {
  hasAnyKeyword,
  keywordNeedles,
  matchableText,
  matchedKeywords,
  type KeywordNeedle,
  type MatchableText,
} from './keyword-classifier.js';
