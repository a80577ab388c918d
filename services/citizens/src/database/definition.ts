import { CreateMessagingTables1764000000000 } from '@civitas/messaging';
import type { ServiceDefinition } from '@civitas/service-kit';
import {
  CitizenEntity,
  CitizenErasureEntity,
  ContactPointEntity,
  IdentityLinkEntity,
  ReportedCaseObject,
} from '../citizens/index.js';
import { ConsentEntity, ConsentEventEntity } from '../consents/index.js';
import {
  NotificationDeliveryEntity,
  NotificationHeldMomentEntity,
  NotificationSubscriptionEntity,
} from '../notifications/index.js';
import { PossibleMatchEntity } from '../matching/index.js';
import { CitizenMergeEntity } from '../merges/index.js';
import { PiiAccessAuditEntity } from '../privacy/index.js';
import { AdminChangeAuditEntity } from '../admin-changes/index.js';
import {
  ContactPointClaimEntity,
  LoginLinkCodeEntity,
  VerificationCodeSendEntity,
} from '../contact-verification/index.js';
import { LoginLinkRequestEntity } from '../rights/index.js';
import { CreateCitizens1764000000300 } from './migrations/1764000000300-CreateCitizens.js';
import { AddResidentIdentity1764300000000 } from './migrations/1764300000000-AddResidentIdentity.js';
import { CreateNotifications1764500000000 } from './migrations/1764500000000-CreateNotifications.js';
import { AddResidentsRights1764600000000 } from './migrations/1764600000000-AddResidentsRights.js';
import { BlindTokensWithoutPendingList1764900000300 } from './migrations/1764900000300-BlindTokensWithoutPendingList.js';
import { AddContactVerification1765400100000 } from './migrations/1765400100000-AddContactVerification.js';
import { AggregateDeniedReads1765400400000 } from './migrations/1765400400000-AggregateDeniedReads.js';
import { ContactPointAddedAtInsert1767400000000 } from './migrations/1767400000000-ContactPointAddedAtInsert.js';
import { AddDepartmentEscalationMail1767550000100 } from './migrations/1767550000100-AddDepartmentEscalationMail.js';
import { OrderNotificationsByEventTime1767700900000 } from './migrations/1767700900000-OrderNotificationsByEventTime.js';
import { CreateAdminChangeAudit1767950000000 } from './migrations/1767950000000-CreateAdminChangeAudit.js';
import { ClaimNotificationsWhileSending1767960000000 } from './migrations/1767960000000-ClaimNotificationsWhileSending.js';
import { CITIZENS_CONSUMERS } from '../messaging/index.js';

export const CITIZENS: ServiceDefinition = {
  service: 'citizens',
  consumers: CITIZENS_CONSUMERS,
  entities: [
    CitizenEntity,
    PiiAccessAuditEntity,
    AdminChangeAuditEntity,
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
    ContactPointClaimEntity,
    LoginLinkCodeEntity,
    VerificationCodeSendEntity,
    LoginLinkRequestEntity,
  ],
  migrations: [
    CreateMessagingTables1764000000000,
    CreateCitizens1764000000300,
    AddResidentIdentity1764300000000,
    CreateNotifications1764500000000,
    AddResidentsRights1764600000000,
    BlindTokensWithoutPendingList1764900000300,
    AddContactVerification1765400100000,
    AggregateDeniedReads1765400400000,
    ContactPointAddedAtInsert1767400000000,
    AddDepartmentEscalationMail1767550000100,
    OrderNotificationsByEventTime1767700900000,
    CreateAdminChangeAudit1767950000000,
    ClaimNotificationsWhileSending1767960000000,
  ],
  orphanedTypes: [ReportedCaseObject],
};
