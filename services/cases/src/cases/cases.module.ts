import { Module } from '@nestjs/common';
import { LegacyOriginsModule } from '../legacy-origins/index.js';
import { StaffModule } from '../staff/index.js';
import { TimelineModule } from '../timeline/index.js';
import { CaseRepository } from './case.repository.js';
import { ProvisionalCases } from './provisional-cases.js';
import { AssignmentResolver } from './graphql/assignment.resolver.js';
import { StaffResolver } from './graphql/staff.resolver.js';
import { AssignCaseUseCase } from './use-cases/assign-case/assign-case.use-case.js';
import { CaseAssigner } from './use-cases/assign-case/case-assigner.js';
import { SaveStaffMemberUseCase } from './use-cases/save-staff-member/save-staff-member.use-case.js';
import { WorklistRepository } from './worklist.repository.js';
import { DepartmentDirectory } from './department-directory.js';
import { CaseWorkResolver } from './graphql/case-work.resolver.js';
import { CaseResolver } from './graphql/case.resolver.js';
import { OverdueCasesResolver } from './graphql/overdue-cases.resolver.js';
import { CaseRoutedHandler } from './messaging/case-routed.handler.js';
import { EscalateOverdueCaseHandler } from './messaging/escalate-overdue-case.handler.js';
import { DeadlinesMovedHandler } from './messaging/deadlines-moved.handler.js';
import { RecordDeadlinesMovedUseCase } from './use-cases/record-deadlines-moved/record-deadlines-moved.use-case.js';
import { SubmissionAcceptedHandler } from './messaging/submission-accepted.handler.js';
import { AddCaseNoteUseCase } from './use-cases/add-note/add-case-note.use-case.js';
import { CaseStatusWriter } from './use-cases/change-status/case-status-writer.js';
import { ChangeCaseStatusUseCase } from './use-cases/change-status/change-case-status.use-case.js';
import { EscalateOverdueCaseUseCase } from './use-cases/escalate-overdue-case/escalate-overdue-case.use-case.js';
import { MarkCaseDuplicateUseCase } from './use-cases/mark-duplicate/mark-case-duplicate.use-case.js';
import { SplitCaseUseCase } from './use-cases/split-case/split-case.use-case.js';
import { OpenCaseUseCase } from './use-cases/open-case/open-case.use-case.js';
import { RejectPossibleDuplicateUseCase } from './use-cases/reject-possible-duplicate/reject-possible-duplicate.use-case.js';
import { FindNearbyOpenCaseHandler } from './messaging/find-nearby-open-case.handler.js';
import { RecordRoutingUseCase } from './use-cases/record-routing/record-routing.use-case.js';

@Module({
  imports: [TimelineModule, LegacyOriginsModule, StaffModule],
  providers: [
    CaseRepository,
    ProvisionalCases,
    OpenCaseUseCase,
    RecordRoutingUseCase,
    SubmissionAcceptedHandler,
    CaseRoutedHandler,
    CaseResolver,
    CaseStatusWriter,
    ChangeCaseStatusUseCase,
    MarkCaseDuplicateUseCase,
    SplitCaseUseCase,
    RejectPossibleDuplicateUseCase,
    FindNearbyOpenCaseHandler,
    AddCaseNoteUseCase,
    CaseWorkResolver,
    CaseAssigner,
    AssignCaseUseCase,
    SaveStaffMemberUseCase,
    WorklistRepository,
    DepartmentDirectory,
    AssignmentResolver,
    StaffResolver,
    EscalateOverdueCaseUseCase,
    EscalateOverdueCaseHandler,
    RecordDeadlinesMovedUseCase,
    DeadlinesMovedHandler,
    OverdueCasesResolver,
  ],
  exports: [CaseRepository, CaseStatusWriter, ProvisionalCases],
})
export class CasesModule {}
