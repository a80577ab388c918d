import { CreateMessagingTables1764000000000 } from '@civitas/messaging';
import type { ServiceDefinition } from '@civitas/service-kit';
import { ApiKeyEntity } from '../api-keys/index.js';
import { ServiceDefinitionEntity } from '../catalog/index.js';
import {
  CitizenMergeAliasEntity,
  SubmissionRepointEntity,
  CitizenReference,
} from '../citizen-submissions/index.js';
import { EmailReplyEntity } from '../email/index.js';
import { ErasedCitizenEntity } from '../erasure/index.js';
import { LegacyRecordEntity } from '../legacy-import/index.js';
import { SubmissionEntity } from '../submissions/index.js';
import { CreateSubmissions1764000000200 } from './migrations/1764000000200-CreateSubmissions.js';
import { CreateApiKeys1764100000000 } from './migrations/1764100000000-CreateApiKeys.js';
import { CreateCitizenSubmissionRepoints1764300000200 } from './migrations/1764300000200-CreateCitizenSubmissionRepoints.js';
import { CreateLegacyRecords1764400000000 } from './migrations/1764400000000-CreateLegacyRecords.js';
import { CreateErasedCitizens1764600000100 } from './migrations/1764600000100-CreateErasedCitizens.js';
import { AddSubmittedBy1764700000000 } from './migrations/1764700000000-AddSubmittedBy.js';
import { IndexSubmissionsByCitizen1764900000200 } from './migrations/1764900000200-IndexSubmissionsByCitizen.js';
import { CreateEmailReplies1765000000200 } from './migrations/1765000000200-CreateEmailReplies.js';
import { KeepFailedEmailReplies1765200000300 } from './migrations/1765200000300-KeepFailedEmailReplies.js';
import { CreateServiceDefinitions1767610000100 } from './migrations/1767610000100-CreateServiceDefinitions.js';
import { RecordSubmissionPrivacy1767620000000 } from './migrations/1767620000000-RecordSubmissionPrivacy.js';
import { IndexUnopenedSubmissionsBySignIn1767980000000 } from './migrations/1767980000000-IndexUnopenedSubmissionsBySignIn.js';
import { INTAKE_CONSUMERS } from '../messaging/index.js';

export const INTAKE: ServiceDefinition = {
  service: 'intake',
  consumers: INTAKE_CONSUMERS,
  entities: [
    SubmissionEntity,
    ApiKeyEntity,
    LegacyRecordEntity,
    SubmissionRepointEntity,
    CitizenMergeAliasEntity,
    ErasedCitizenEntity,
    EmailReplyEntity,
    ServiceDefinitionEntity,
  ],
  migrations: [
    CreateMessagingTables1764000000000,
    CreateSubmissions1764000000200,
    CreateApiKeys1764100000000,
    CreateLegacyRecords1764400000000,
    CreateCitizenSubmissionRepoints1764300000200,
    CreateErasedCitizens1764600000100,
    AddSubmittedBy1764700000000,
    IndexSubmissionsByCitizen1764900000200,
    CreateEmailReplies1765000000200,
    KeepFailedEmailReplies1765200000300,
    CreateServiceDefinitions1767610000100,
    RecordSubmissionPrivacy1767620000000,
    IndexUnopenedSubmissionsBySignIn1767980000000,
  ],
  orphanedTypes: [CitizenReference],
};
