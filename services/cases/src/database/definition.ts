import { CreateMessagingTables1764000000000 } from '@civitas/messaging';
import type { ServiceDefinition } from '@civitas/service-kit';
import { CaseEntity, ServiceReference } from '../cases/index.js';
import { CaseRepointEntity, CitizenReference } from '../citizen-cases/index.js';
import { InteractionEntity } from '../interactions/index.js';
import { CaseLegacyOriginEntity } from '../legacy-origins/index.js';
import { SatisfactionAnswerEntity } from '../satisfaction/index.js';
import { TimelineEntryEntity } from '../timeline/index.js';
import { CreateCases1764000000300 } from './migrations/1764000000300-CreateCases.js';
import { AddServiceRequestFields1764100000100 } from './migrations/1764100000100-AddServiceRequestFields.js';
import { CreateInteractions1764200000100 } from './migrations/1764200000100-CreateInteractions.js';
import { CreateCitizenCaseRepoints1764300000100 } from './migrations/1764300000100-CreateCitizenCaseRepoints.js';
import { CreateCaseLegacyOrigins1764400000100 } from './migrations/1764400000100-CreateCaseLegacyOrigins.js';
import { AddCaseMediaUrl1764700000100 } from './migrations/1764700000100-AddCaseMediaUrl.js';
import { AddCaseAddressId1765000000100 } from './migrations/1765000000100-AddCaseAddressId.js';
import { AddCaseDuplicateOf1765100000100 } from './migrations/1765100000100-AddCaseDuplicateOf.js';
import { AddCaseDistrictCode1765200000200 } from './migrations/1765200000200-AddCaseDistrictCode.js';
import { IndexCasesByReporter1764800000100 } from './migrations/1764800000100-IndexCasesByReporter.js';
import { AddTimelineAuthor1764800000101 } from './migrations/1764800000101-AddTimelineAuthor.js';
import { AddTimelineCaseStatus1765300000600 } from './migrations/1765300000600-AddTimelineCaseStatus.js';
import { AddCaseServiceLevels1767000000100 } from './migrations/1767000000100-AddCaseServiceLevels.js';
import { AddStaffAndAssignment1767420000100 } from './migrations/1767420000100-AddStaffAndAssignment.js';
import { StaffMemberEntity } from '../staff/index.js';
import { CreateCaseSatisfactionAnswers1767430000100 } from './migrations/1767430000100-CreateCaseSatisfactionAnswers.js';
import { AddCaseSplit1767500000100 } from './migrations/1767500000100-AddCaseSplit.js';
import { AddCasePossibleDuplicateOf1767510000200 } from './migrations/1767510000200-AddCasePossibleDuplicateOf.js';
import { AddCaseSlaHold1767600000100 } from './migrations/1767600000100-AddCaseSlaHold.js';
import { CASES_CONSUMERS } from '../messaging/index.js';

export const CASES: ServiceDefinition = {
  service: 'cases',
  consumers: CASES_CONSUMERS,
  entities: [
    CaseEntity,
    TimelineEntryEntity,
    CaseLegacyOriginEntity,
    InteractionEntity,
    CaseRepointEntity,
    StaffMemberEntity,
    SatisfactionAnswerEntity,
  ],
  migrations: [
    CreateMessagingTables1764000000000,
    CreateCases1764000000300,
    AddServiceRequestFields1764100000100,
    CreateCaseLegacyOrigins1764400000100,
    CreateInteractions1764200000100,
    CreateCitizenCaseRepoints1764300000100,
    AddCaseMediaUrl1764700000100,
    AddCaseAddressId1765000000100,
    IndexCasesByReporter1764800000100,
    AddTimelineAuthor1764800000101,
    AddCaseDuplicateOf1765100000100,
    AddCaseDistrictCode1765200000200,
    AddTimelineCaseStatus1765300000600,
    AddCaseServiceLevels1767000000100,
    AddStaffAndAssignment1767420000100,
    CreateCaseSatisfactionAnswers1767430000100,
    AddCaseSplit1767500000100,
    AddCasePossibleDuplicateOf1767510000200,
    AddCaseSlaHold1767600000100,
  ],
  orphanedTypes: [ServiceReference, CitizenReference],
};
