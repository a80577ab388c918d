import type { EventContract, RequestContract } from './contract.js';
import {
  CaseAssigned,
  CaseEscalated,
  CaseOpened,
  FindNearbyOpenCase,
  NoteAdded,
  SatisfactionRecorded,
  StatusChanged,
} from './messages/cases.js';
import { ResolveIdentity } from './messages/citizens.js';
import { CitizensMerged, CitizensUnmerged } from './messages/citizens-merges.js';
import {
  CasesCitizenData,
  CasesCitizenRequests,
  CitizenErased,
  IntakeCitizenData,
  IntakeCitizenSubmissions,
} from './messages/residents-rights.js';
import { RecordPersonalRead } from './messages/personal-reads.js';
import {
  CasesAdminChangeRecorded,
  CitizensAdminChangeRecorded,
  IntakeAdminChangeRecorded,
  RoutingAdminChangeRecorded,
} from './messages/admin-changes.js';
import { HistoryAccepted, HistoryOpened, HistoryRouted } from './messages/history.js';
import { SplitSubmission, SubmissionAccepted, SubmissionsByTicket } from './messages/intake.js';
import { InteractionLogged, LogInteraction } from './messages/interactions.js';
import { ClassifyText } from './messages/routing-classify.js';
import {
  CaseAtRisk,
  CaseDeadlinesMoved,
  CaseOverdue,
  CaseRouted,
  GetDepartmentQueues,
  GetServiceCatalog,
  GetServiceDefinition,
  ServiceDefinitionChanged,
} from './messages/routing.js';

/** Every contract, so tooling (stream provisioning, docs, tests) can walk them all. */
export const EVENT_CONTRACTS: readonly EventContract[] = [
  SubmissionAccepted,
  CaseOpened,
  StatusChanged,
  NoteAdded,
  CaseAssigned,
  SatisfactionRecorded,
  CaseEscalated,
  CaseRouted,
  CaseAtRisk,
  CaseOverdue,
  ServiceDefinitionChanged,
  CaseDeadlinesMoved,
  InteractionLogged,
  CitizensMerged,
  CitizensUnmerged,
  CitizenErased,
  HistoryAccepted,
  HistoryOpened,
  HistoryRouted,
  RoutingAdminChangeRecorded,
  CasesAdminChangeRecorded,
  IntakeAdminChangeRecorded,
  CitizensAdminChangeRecorded,
] as EventContract[];

export const REQUEST_CONTRACTS: readonly RequestContract[] = [
  ResolveIdentity,
  GetServiceDefinition,
  GetServiceCatalog,
  GetDepartmentQueues,
  ClassifyText,
  LogInteraction,
  IntakeCitizenData,
  CasesCitizenData,
  IntakeCitizenSubmissions,
  CasesCitizenRequests,
  RecordPersonalRead,
  SplitSubmission,
  FindNearbyOpenCase,
  SubmissionsByTicket,
] as RequestContract[];
