import { CreateMessagingTables1764000000000 } from '@civitas/messaging';
import type { ServiceDefinition } from '@civitas/service-kit';
import { CitizenEntity } from '../citizens/citizen.entity.js';
import { ConsentEventEntity } from '../consents/consent-event.entity.js';
import { ConsentEntity } from '../consents/consent.entity.js';
import { CitizenErasureEntity } from '../rights/citizen-erasure.entity.js';
import { ContactPointEntity } from '../citizens/contact-point.entity.js';
import { IdentityLinkEntity } from '../citizens/identity-link.entity.js';
import { ReportedCaseObject } from '../citizens/graphql/reported-case.object.js';
import { NotificationDeliveryEntity } from '../notifications/notification-delivery.entity.js';
import { NotificationHeldMomentEntity } from '../notifications/notification-held-moment.entity.js';
import { NotificationSubscriptionEntity } from '../notifications/notification-subscription.entity.js';
import { PossibleMatchEntity } from '../matching/possible-match.entity.js';
import { CitizenMergeEntity } from '../merges/citizen-merge.entity.js';
import { PiiAccessAuditEntity } from '../privacy/pii-access-audit.entity.js';
import { CreateCitizens1764000000300 } from './migrations/1764000000300-CreateCitizens.js';
import { AddResidentIdentity1764300000000 } from './migrations/1764300000000-AddResidentIdentity.js';
import { CreateNotifications1764500000000 } from './migrations/1764500000000-CreateNotifications.js';
import { AddResidentsRights1764600000000 } from './migrations/1764600000000-AddResidentsRights.js';
import { BlindTokensWithoutPendingList1764900000300 } from './migrations/1764900000300-BlindTokensWithoutPendingList.js';
import { CITIZENS_CONSUMERS } from '../messaging/index.js';

export const CITIZENS: ServiceDefinition = {
  service: 'citizens',
  consumers: CITIZENS_CONSUMERS,
  entities: [
    CitizenEntity,
    PiiAccessAuditEntity,
    ContactPointEntity,
    IdentityLinkEntity,
    PossibleMatchEntity,
    CitizenMergeEntity,
    NotificationSubscriptionEntity,
    NotificationDeliveryEntity,
    NotificationHeldMomentEntity,
    ConsentEventEntity,
    ConsentEntity,
    CitizenErasureEntity,
  ],
  migrations: [
    CreateMessagingTables1764000000000,
    CreateCitizens1764000000300,
    AddResidentIdentity1764300000000,
    CreateNotifications1764500000000,
    AddResidentsRights1764600000000,
    BlindTokensWithoutPendingList1764900000300,
  ],
  orphanedTypes: [ReportedCaseObject],
};
