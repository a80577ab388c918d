import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsLatitude,
  IsLongitude,
  IsEnum,
  IsIn,
  IsInt,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { defineEvent, defineRequest } from '../contract.js';
import { AssignmentReason, CaseStatus, Channel, Priority } from '../enums.js';
import { LegacyOrigin } from './legacy.js';
import { DuplicateSearch, GeoLocation } from './shared.js';

export class CaseOpenedV1 {
  @IsUUID()
  caseId: string;

  @IsString()
  ticketNumber: string;

  @IsUUID()
  submissionId: string;

  @IsString()
  serviceCode: string;

  @IsEnum(Channel)
  channel: Channel;

  @IsOptional()
  @IsUUID()
  reporterId?: string | null;

  @IsOptional()
  @IsString()
  @MaxLength(4000)
  description?: string;

  @IsOptional()
  @ValidateNested()
  @Type(() => GeoLocation)
  location?: GeoLocation;

  @IsBoolean()
  emergency: boolean;

  @IsISO8601({ strict: true })
  openedAt: string;

  /**
   * Answers to the service's questions (Open311 attributes) by attribute code, as submitted; routing
   * rules may match on one (added in 2026-12; absent from older cases).
   */
  @IsOptional()
  @IsObject()
  attributes?: Record<string, string | string[]>;

  /**
   * The case is private (docs/adr/0041, 0057): never listed, never in open data. Absent from older
   * cases: not private.
   */
  @IsOptional()
  @IsBoolean()
  private?: boolean;

  /**
   * The description as open data may publish it (docs/adr/0057): e-mail addresses, phone numbers
   * and the reporter's own name removed by intake, which alone holds the name; carried from
   * `submission-accepted`. Absent without a description, and from older versions.
   */
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  publicDescription?: string;

  /** Set only on imported history: the case may already be closed; never notify or escalate. */
  @IsOptional()
  @ValidateNested()
  @Type(() => LegacyOrigin)
  legacy?: LegacyOrigin;
}

export const CaseOpened = defineEvent('cases.evt.case-opened.v1', CaseOpenedV1);

/**
 * At most this many followers ride one `status-changed` (docs/adr/0063): the earliest confirmed
 * duplicates; an event stays well under the bus's message size whatever a case gathers.
 */
export const MAX_FOLLOWERS_TOLD = 500;

export class StatusChangedV1 {
  @IsUUID()
  caseId: string;

  @IsString()
  ticketNumber: string;

  @IsEnum(CaseStatus)
  from: CaseStatus;

  @IsEnum(CaseStatus)
  to: CaseStatus;

  @IsISO8601({ strict: true })
  changedAt: string;

  /**
   * The case's service, so a consumer that sees this before `case-opened` (another durable
   * consumer may lag behind) can still file the case under it. Sent by staff status changes.
   */
  @IsOptional()
  @IsString()
  serviceCode?: string;

  /**
   * When staff closed the case as a duplicate: the ticket number of the case it duplicates (its
   * parent), so consumers can tell a duplicate closure from a resolution.
   */
  @IsOptional()
  @IsString()
  duplicateOf?: string;

  /**
   * The ids of the cases closed as duplicates of this one (its followers, docs/adr/0063), whose
   * reporters are told of its changes too; absent when it has none, and from older cases.
   */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_FOLLOWERS_TOLD)
  @IsUUID('all', { each: true })
  followers?: string[];
}

export const StatusChanged = defineEvent('cases.evt.status-changed.v1', StatusChangedV1);

export const NOTE_VISIBILITIES = ['PUBLIC', 'INTERNAL'] as const;
export type NoteVisibility = (typeof NOTE_VISIBILITIES)[number];

/**
 * Staff added a note to a case's timeline: PUBLIC ones the resident sees (and is told about),
 * INTERNAL ones only staff. The text stays in cases (it may name people); consumers learn that a
 * note was added, to which case, and how visible it is.
 */
export class NoteAddedV1 {
  @IsUUID()
  noteId: string;

  @IsUUID()
  caseId: string;

  @IsString()
  ticketNumber: string;

  @IsIn(NOTE_VISIBILITIES as unknown as string[])
  visibility: NoteVisibility;

  /** The staff member who wrote it (their subject). */
  @IsOptional()
  @IsString()
  addedBy?: string | null;

  @IsISO8601({ strict: true })
  addedAt: string;
}

export const NoteAdded = defineEvent('cases.evt.note-added.v1', NoteAddedV1);

/**
 * Who works a case changed (docs/adr/0059): assigned, claimed, given by the queue's policy, moved
 * on when its assignee was deactivated, or taken back (`assigneeSubject` null). Staff are named by
 * their sign-in subject only; analytics counts these.
 */
export class CaseAssignedV1 {
  @IsUUID()
  caseId: string;

  @IsString()
  ticketNumber: string;

  /** The owning department when it happened. */
  @IsString()
  departmentCode: string;

  @IsOptional()
  @IsString()
  queueCode?: string | null;

  /** The new assignee's subject; null when the case was left unassigned. */
  @IsOptional()
  @IsString()
  assigneeSubject: string | null;

  @IsOptional()
  @IsString()
  previousAssigneeSubject: string | null;

  @IsEnum(AssignmentReason)
  reason: AssignmentReason;

  /** The staff member who did it; null when the system did (AUTOMATIC, REASSIGNED). */
  @IsOptional()
  @IsString()
  assignedBy: string | null;

  @IsISO8601({ strict: true })
  assignedAt: string;
}

export const CaseAssigned = defineEvent('cases.evt.case-assigned.v1', CaseAssignedV1);

/**
 * A resident answered the one-question survey of a closure notice (docs/adr/0060). The comment
 * stays in cases (it may name people); consumers learn the score, for which case and when. One
 * answer per link; a case answered again (another link, after a reopening) counts its latest.
 */
export class SatisfactionRecordedV1 {
  @IsUUID()
  caseId: string;

  @IsString()
  ticketNumber: string;

  /** The case's service, so a consumer that sees this before `case-opened` can file it. */
  @IsString()
  serviceCode: string;

  @IsInt()
  @Min(1)
  @Max(5)
  score: number;

  @IsISO8601({ strict: true })
  answeredAt: string;
}

export const SatisfactionRecorded = defineEvent(
  'cases.evt.satisfaction-recorded.v1',
  SatisfactionRecordedV1,
);

/**
 * Cases escalated a case routing found overdue (`routing.evt.case-overdue.v1`, docs/adr/0058): its
 * priority rose one step (LOW to NORMAL, NORMAL to HIGH; HIGH and EMERGENCY stay) and its timeline
 * says so. Once per case; never for a closed case or imported history.
 */
export class CaseEscalatedV1 {
  @IsUUID()
  caseId: string;

  @IsString()
  ticketNumber: string;

  @IsString()
  departmentCode: string;

  @IsEnum(Priority)
  fromPriority: Priority;

  @IsEnum(Priority)
  priority: Priority;

  @IsISO8601({ strict: true })
  dueAt: string;

  @IsISO8601({ strict: true })
  escalatedAt: string;
}

export const CaseEscalated = defineEvent('cases.evt.case-escalated.v1', CaseEscalatedV1);

/**
 * Intake asks, while answering a report, whether an open case of the same service is near and
 * recent enough to be the same problem, to tell the reporter it is already known (docs/adr/0063).
 * Best-effort: intake waits briefly and answers without it.
 */
export class FindNearbyOpenCaseRequest {
  @IsString()
  serviceCode: string;

  @IsLatitude()
  latitude: number;

  @IsLongitude()
  longitude: number;

  @ValidateNested()
  @Type(() => DuplicateSearch)
  search: DuplicateSearch;
}

export class FindNearbyOpenCaseReply {
  /** The nearest such case that is not private (ADR 0041); absent when there is none. */
  @IsOptional()
  @IsString()
  ticketNumber?: string;
}

export const FindNearbyOpenCase = defineRequest(
  'cases.qry.nearby-open-case.v1',
  FindNearbyOpenCaseRequest,
  FindNearbyOpenCaseReply,
  ['intake'],
);
