import { CreateMessagingTables1764000000000 } from '@civitas/messaging';
import type { ServiceDefinition } from '@civitas/service-kit';
import {
  DepartmentEntity,
  QueueEntity,
  ServiceAttributeEntity,
  ServiceEntity,
} from '../catalog/index.js';
import { BusinessCalendarEntity } from '../calendars/index.js';
import { DistrictEntity } from '../districts/index.js';
import { CaseRoutingEntity, RoutedCaseObject } from '../routing/index.js';
import { RoutingRuleEntity, RoutingRuleVersionEntity } from '../rules/index.js';
import { CreateCatalog1764000000100 } from './migrations/1764000000100-CreateCatalog.js';
import { CreateServiceAttributes1764200000000 } from './migrations/1764200000000-CreateServiceAttributes.js';
import { CreateDistricts1765200000100 } from './migrations/1765200000100-CreateDistricts.js';
import { AddServiceLevels1767000000000 } from './migrations/1767000000000-AddServiceLevels.js';
import { CreateRoutingRules1767100000100 } from './migrations/1767100000100-CreateRoutingRules.js';
import { AddPrivacyAndOpenDataToServices1767300000100 } from './migrations/1767300000100-AddPrivacyAndOpenDataToServices.js';
import { CreateSlaDeadlines1767410000000 } from './migrations/1767410000000-CreateSlaDeadlines.js';
import { AddQueueAssignment1767420000000 } from './migrations/1767420000000-AddQueueAssignment.js';
import { AddDuplicateSearchToServices1767510000100 } from './migrations/1767510000100-AddDuplicateSearchToServices.js';
import { AddDepartmentEscalationEmail1767550000000 } from './migrations/1767550000000-AddDepartmentEscalationEmail.js';
import { AddHeldDeadlines1767600000000 } from './migrations/1767600000000-AddHeldDeadlines.js';
import { AddServiceVersion1767610000000 } from './migrations/1767610000000-AddServiceVersion.js';
import { CreateStatusChangesAheadOfRouting1767700400100 } from './migrations/1767700400100-CreateStatusChangesAheadOfRouting.js';
import { AllowMovedRuleVersions1767800000000 } from './migrations/1767800000000-AllowMovedRuleVersions.js';
import { SlaDeadlineEntity, StatusChangeAheadEntity } from '../escalation/index.js';
import { ROUTING_CONSUMERS } from '../messaging/index.js';

export const ROUTING: ServiceDefinition = {
  service: 'routing',
  consumers: ROUTING_CONSUMERS,
  entities: [
    DepartmentEntity,
    QueueEntity,
    ServiceEntity,
    CaseRoutingEntity,
    ServiceAttributeEntity,
    DistrictEntity,
    BusinessCalendarEntity,
    RoutingRuleEntity,
    RoutingRuleVersionEntity,
    SlaDeadlineEntity,
    StatusChangeAheadEntity,
  ],
  migrations: [
    CreateMessagingTables1764000000000,
    CreateCatalog1764000000100,
    CreateServiceAttributes1764200000000,
    CreateDistricts1765200000100,
    AddServiceLevels1767000000000,
    CreateRoutingRules1767100000100,
    AddPrivacyAndOpenDataToServices1767300000100,
    CreateSlaDeadlines1767410000000,
    AddQueueAssignment1767420000000,
    AddDuplicateSearchToServices1767510000100,
    AddDepartmentEscalationEmail1767550000000,
    AddHeldDeadlines1767600000000,
    AddServiceVersion1767610000000,
    CreateStatusChangesAheadOfRouting1767700400100,
    AllowMovedRuleVersions1767800000000,
  ],
  orphanedTypes: [RoutedCaseObject],
};
