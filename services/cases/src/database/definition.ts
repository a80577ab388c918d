import { CreateMessagingTables1764000000000 } from '@civitas/messaging';
import type { ServiceDefinition } from '@civitas/service-kit';
import { CaseEntity } from '../cases/case.entity.js';
import { ServiceReference } from '../cases/graphql/case.object.js';
import { TimelineEntryEntity } from '../timeline/timeline-entry.entity.js';
import { CreateCases1764000000300 } from './migrations/1764000000300-CreateCases.js';

export const CASES: ServiceDefinition = {
  service: 'cases',
  entities: [CaseEntity, TimelineEntryEntity],
  migrations: [CreateMessagingTables1764000000000, CreateCases1764000000300],
  orphanedTypes: [ServiceReference],
};
