import { CreateMessagingTables1764000000000 } from '@civitas/messaging';
import type { ServiceDefinition } from '@civitas/service-kit';
import {
  CaseDailyDepartmentEntity,
  CaseDailyDepartmentServiceEntity,
  CaseDailyDistrictEntity,
  CaseDailyEntity,
  CaseDailyServiceEntity,
  CaseMonthlyDepartmentEntity,
  CaseMonthlyDepartmentServiceEntity,
  CaseMonthlyDistrictEntity,
  CaseMonthlyServiceEntity,
  CaseDemandMonthlyEntity,
  CaseDemandMonthlyDepartmentEntity,
  CaseDemandMonthlyServiceEntity,
  CaseHotCellMonthlyEntity,
  CaseHotCellMonthlyServiceEntity,
  CaseFactEntity,
  RollupPendingEntity,
  StatusTransitionEntity,
} from '../case-facts/index.js';
import { CreateCaseFacts1764000000500 } from './migrations/1764000000500-CreateCaseFacts.js';
import { AddClosureToCaseFacts1764400000200 } from './migrations/1764400000200-AddClosureToCaseFacts.js';
import { AddStatusChangedAtToCaseFacts1764800000500 } from './migrations/1764800000500-AddStatusChangedAtToCaseFacts.js';
import { CreateStatusTransitions1766100000100 } from './migrations/1766100000100-CreateStatusTransitions.js';
import { AddStatsRollups1767200000100 } from './migrations/1767200000100-AddStatsRollups.js';
import { AddCoarseDailyRollups1767200000200 } from './migrations/1767200000200-AddCoarseDailyRollups.js';
import { AddOpenDataToCaseFacts1767300000200 } from './migrations/1767300000200-AddOpenDataToCaseFacts.js';
import { CreateCaseAssignmentFacts1767420000200 } from './migrations/1767420000200-CreateCaseAssignmentFacts.js';
import { CaseAssignmentFactEntity } from '../assignments/index.js';
import { AddSatisfactionToCaseFacts1767430000200 } from './migrations/1767430000200-AddSatisfactionToCaseFacts.js';
import { AddMonthlyRollupsAndHistograms1767520000100 } from './migrations/1767520000100-AddMonthlyRollupsAndHistograms.js';
import {
  OpenDataChangeEntity,
  OpenDataSnapshotChunkEntity,
  OpenDataSnapshotEntity,
} from '../open-data/index.js';
import { TrackOpenDataChanges1767530000100 } from './migrations/1767530000100-TrackOpenDataChanges.js';
import { AddJsonOpenDataSnapshots1767530000200 } from './migrations/1767530000200-AddJsonOpenDataSnapshots.js';
import { AddDemandAndHotSpotRollups1767630000100 } from './migrations/1767630000100-AddDemandAndHotSpotRollups.js';
import { AddHeldPhaseToCaseFacts1767700400000 } from './migrations/1767700400000-AddHeldPhaseToCaseFacts.js';
import { AddEscalationsToCaseFacts1767800000100 } from './migrations/1767800000100-AddEscalationsToCaseFacts.js';
import { FoldRollupsBehindTheFacts1767840000000 } from './migrations/1767840000000-FoldRollupsBehindTheFacts.js';
import { ANALYTICS_CONSUMERS } from '../messaging/index.js';

export const ANALYTICS: ServiceDefinition = {
  service: 'analytics',
  consumers: ANALYTICS_CONSUMERS,
  entities: [
    CaseFactEntity,
    StatusTransitionEntity,
    RollupPendingEntity,
    CaseDailyEntity,
    CaseDailyServiceEntity,
    CaseDailyDistrictEntity,
    CaseDailyDepartmentEntity,
    CaseDailyDepartmentServiceEntity,
    CaseMonthlyDepartmentEntity,
    CaseMonthlyDepartmentServiceEntity,
    CaseMonthlyDistrictEntity,
    CaseMonthlyServiceEntity,
    CaseDemandMonthlyEntity,
    CaseDemandMonthlyDepartmentEntity,
    CaseDemandMonthlyServiceEntity,
    CaseHotCellMonthlyEntity,
    CaseHotCellMonthlyServiceEntity,
    OpenDataSnapshotEntity,
    OpenDataSnapshotChunkEntity,
    CaseAssignmentFactEntity,
    OpenDataChangeEntity,
  ],
  migrations: [
    CreateMessagingTables1764000000000,
    CreateCaseFacts1764000000500,
    AddClosureToCaseFacts1764400000200,
    AddStatusChangedAtToCaseFacts1764800000500,
    CreateStatusTransitions1766100000100,
    AddStatsRollups1767200000100,
    AddCoarseDailyRollups1767200000200,
    AddOpenDataToCaseFacts1767300000200,
    CreateCaseAssignmentFacts1767420000200,
    AddSatisfactionToCaseFacts1767430000200,
    AddMonthlyRollupsAndHistograms1767520000100,
    TrackOpenDataChanges1767530000100,
    AddJsonOpenDataSnapshots1767530000200,
    AddDemandAndHotSpotRollups1767630000100,
    AddHeldPhaseToCaseFacts1767700400000,
    AddEscalationsToCaseFacts1767800000100,
    FoldRollupsBehindTheFacts1767840000000,
  ],
};
