import { CreateMessagingTables1764000000000 } from '@civitas/messaging';
import type { ServiceDefinition } from '@civitas/service-kit';
import { CitizenEntity } from '../citizens/citizen.entity.js';
import { ReportedCaseObject } from '../citizens/graphql/reported-case.object.js';
import { PiiAccessAuditEntity } from '../privacy/pii-access-audit.entity.js';
import { CreateCitizens1764000000300 } from './migrations/1764000000300-CreateCitizens.js';

export const CITIZENS: ServiceDefinition = {
  service: 'citizens',
  entities: [CitizenEntity, PiiAccessAuditEntity],
  migrations: [CreateMessagingTables1764000000000, CreateCitizens1764000000300],
  orphanedTypes: [ReportedCaseObject],
};
