import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsEnum,
  IsISO8601,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Min,
  ValidateNested,
} from 'class-validator';
import { defineEvent, defineRequest } from '../contract.js';
import { ServiceAttributeView } from '../attributes.js';
import { OpenDataLocation, Priority, QueueAssignment, SlaClock } from '../enums.js';
import { LegacyOrigin } from './legacy.js';
import { DuplicateSearch } from './shared.js';

export class CaseRoutedV1 {
  @IsUUID()
  caseId: string;

  @IsString()
  ticketNumber: string;

  @IsString()
  serviceCode: string;

  @IsString()
  departmentCode: string;

  @IsString()
  queueCode: string;

  @IsEnum(Priority)
  priority: Priority;

  @IsISO8601({ strict: true })
  dueAt: string;

  @IsISO8601({ strict: true })
  routedAt: string;

  /**
   * The district whose boundary holds the case's coordinates (routing's districts, docs/districts.md);
   * absent without coordinates or outside every district (added in 2026-12; absent from older routing).
   */
  @IsOptional()
  @IsString()
  districtCode?: string;

  /**
   * How the target's hours are counted (docs/adr/0054; added in 2026-12, absent from older
   * routing: read CALENDAR, with `slaHours` from `dueAt` minus the case's opening).
   */
  @IsOptional()
  @IsEnum(SlaClock)
  slaClock?: SlaClock;

  /** The target the case is held to, in hours of `slaClock` (added in 2026-12). */
  @IsOptional()
  @IsInt()
  @Min(1)
  slaHours?: number;

  /**
   * When 80% of the target has gone by, in the same clock: the case is AT_RISK from then
   * (added in 2026-12; absent from older routing: read 80% of the way from opening to `dueAt`).
   */
  @IsOptional()
  @IsISO8601({ strict: true })
  atRiskAt?: string;

  /**
   * The name of the routing rule that decided the department, queue and priority; absent when none
   * matched and the service's default applied (added in 2026-12, docs/adr/0055).
   */
  @IsOptional()
  @IsString()
  ruleName?: string;

  /**
   * How the queue gives its cases to people (docs/adr/0059), as the queue said when the case was
   * routed (added in 2026-12; absent from older routing and from imported history: MANUAL).
   */
  @IsOptional()
  @IsEnum(QueueAssignment)
  assignment?: QueueAssignment;

  /** Carried from `case-opened` for imported history: the due time is not a live target. */
  @IsOptional()
  @ValidateNested()
  @Type(() => LegacyOrigin)
  legacy?: LegacyOrigin;
}

export const CaseRouted = defineEvent('routing.evt.case-routed.v1', CaseRoutedV1);

export class GetServiceDefinitionRequest {
  @IsString()
  serviceCode: string;
}

export class ServiceDefinitionView {
  @IsString()
  code: string;

  @IsString()
  name: string;

  @IsString()
  departmentCode: string;

  @IsEnum(Priority)
  defaultPriority: Priority;

  @IsInt()
  @Min(1)
  targetHours: number;

  /** The service's Open311 attributes in display order (added in 2026-11; absent from older routing). */
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => ServiceAttributeView)
  attributes?: ServiceAttributeView[];

  /** Every request for the service is private (docs/adr/0057); absent from older routing: false. */
  @IsOptional()
  @IsBoolean()
  alwaysPrivate?: boolean;

  /** How open data places the service's requests; absent from older routing: GRID. */
  @IsOptional()
  @IsEnum(OpenDataLocation)
  openDataLocation?: OpenDataLocation;

  /** Whether open data publishes the (scrubbed) descriptions; absent from older routing: false. */
  @IsOptional()
  @IsBoolean()
  openDataDescription?: boolean;

  /**
   * How near and how recent an open case must be for a report to be its possible duplicate
   * (docs/adr/0063); absent from older routing: DEFAULT_DUPLICATE_SEARCH.
   */
  @IsOptional()
  @ValidateNested()
  @Type(() => DuplicateSearch)
  duplicateSearch?: DuplicateSearch;
}

export class GetServiceDefinitionReply {
  @IsBoolean()
  found: boolean;

  @IsOptional()
  @ValidateNested()
  @Type(() => ServiceDefinitionView)
  service?: ServiceDefinitionView;

  @IsArray()
  @IsString({ each: true })
  knownCodes: string[];
}

export const GetServiceDefinition = defineRequest(
  'routing.qry.service-definition.v1',
  GetServiceDefinitionRequest,
  GetServiceDefinitionReply,
  // Analytics reads each service's open-data policy when it writes a file (docs/adr/0057). Intake
  // validates against its own copy of the catalog instead (docs/adr/0069).
  ['analytics'],
);

/**
 * A service definition as routing holds it now: the whole definition intake validates with, whether
 * residents may still request it, and its version (one more at every change), so a copy never lets
 * an older state replace a newer one (docs/adr/0069).
 */
export class ServiceDefinitionState {
  @ValidateNested()
  @Type(() => ServiceDefinitionView)
  service: ServiceDefinitionView;

  /** False once administrators retire the service: reports for it are refused as unknown. */
  @IsBoolean()
  active: boolean;

  @IsInt()
  @Min(1)
  version: number;
}

/**
 * A service definition changed (created, updated, its questions set, retired): the whole new
 * state, event-carried, so intake keeps its own copy of the catalog and accepts reports while
 * routing is down (docs/adr/0069).
 */
export class ServiceDefinitionChangedV1 extends ServiceDefinitionState {
  @IsISO8601({ strict: true })
  changedAt: string;
}

export const ServiceDefinitionChanged = defineEvent(
  'routing.evt.service-definition-changed.v1',
  ServiceDefinitionChangedV1,
);

export class GetServiceCatalogRequest {
  /** Retired services too (intake asks for them: a copy knows every code it may be told about). */
  @IsBoolean()
  includeRetired: boolean;
}

export class GetServiceCatalogReply {
  /** Every service definition (retired ones, `active: false`, when asked for). */
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => ServiceDefinitionState)
  services: ServiceDefinitionState[];
}

/**
 * The whole catalog at once: intake asks only while its copy is empty (a new intake, or one whose
 * catalog is older than the stream's 30 days), then keeps it from `service-definition-changed`.
 */
export const GetServiceCatalog = defineRequest(
  'routing.qry.service-catalog.v1',
  GetServiceCatalogRequest,
  GetServiceCatalogReply,
  ['intake'],
);

export class GetDepartmentQueuesRequest {
  @IsArray()
  @ArrayMaxSize(200)
  @IsString({ each: true })
  departmentCodes: string[];

  @IsArray()
  @ArrayMaxSize(200)
  @IsString({ each: true })
  queueCodes: string[];
}

export class QueueView {
  @IsString()
  code: string;

  @IsString()
  departmentCode: string;

  @IsEnum(QueueAssignment)
  assignment: QueueAssignment;
}

export class GetDepartmentQueuesReply {
  /** The departments found among those asked about; a code missing here names none. */
  @IsArray()
  @IsString({ each: true })
  departmentCodes: string[];

  /** The queues found among those asked about; a code missing here names no queue. */
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => QueueView)
  queues: QueueView[];
}

/**
 * Cases checks that the departments and queues a staff member is put on exist, and which
 * department each queue is in (docs/adr/0059).
 */
export const GetDepartmentQueues = defineRequest(
  'routing.qry.department-queues.v1',
  GetDepartmentQueuesRequest,
  GetDepartmentQueuesReply,
  ['cases'],
);

/**
 * A live case has reached the at-risk point of its target (80% of it, in its clock) while still
 * open: emitted once per case by routing's deadline timer (docs/adr/0058). Imported history never
 * has one.
 */
export class CaseAtRiskV1 {
  @IsUUID()
  caseId: string;

  @IsString()
  ticketNumber: string;

  @IsString()
  serviceCode: string;

  @IsString()
  departmentCode: string;

  @IsISO8601({ strict: true })
  atRiskAt: string;

  @IsISO8601({ strict: true })
  dueAt: string;

  /** When the timer found it (a little after `atRiskAt`: the timer's scan interval). */
  @IsISO8601({ strict: true })
  detectedAt: string;
}

export const CaseAtRisk = defineEvent('routing.evt.case-at-risk.v1', CaseAtRiskV1);

/**
 * A live case is still open past its due time: emitted once per case by routing's deadline timer
 * (docs/adr/0058). Cases raises its priority one step; citizens e-mails the department's
 * escalation mailbox when it has one (docs/adr/0067). Imported history never has one.
 */
export class CaseOverdueV1 {
  @IsUUID()
  caseId: string;

  @IsString()
  ticketNumber: string;

  @IsString()
  serviceCode: string;

  @IsString()
  departmentCode: string;

  @IsISO8601({ strict: true })
  dueAt: string;

  /** When the timer found it (a little after `dueAt`: the timer's scan interval). */
  @IsISO8601({ strict: true })
  detectedAt: string;

  /**
   * The department's escalation mailbox as routing's catalog holds it when the deadline fires
   * (docs/adr/0067; absent when none is set, and from older routing): a department's address,
   * never a resident's.
   */
  @IsOptional()
  @IsEmail()
  escalationEmail?: string;

  /** The department's name, for the e-mail (added in 2026-12; absent from older routing). */
  @IsOptional()
  @IsString()
  departmentName?: string;

  /** The service's name, for the e-mail (added in 2026-12; absent from older routing). */
  @IsOptional()
  @IsString()
  serviceName?: string;
}

export const CaseOverdue = defineEvent('routing.evt.case-overdue.v1', CaseOverdueV1);

/**
 * A live case's deadlines stopped or started again (docs/adr/0068): its service `pausesOnHold` and
 * the case went ON_HOLD (`held: true`: the clock is paused, nothing escalates, `dueAt` and
 * `atRiskAt` are null) or left it (`held: false`: the new due and at-risk times, the business or
 * calendar time that was left counted on from `at`). Cases records it for `Case.sla` and its
 * worklists; emitted through the outbox with the deadlines' change, once per status change.
 */
export class CaseDeadlinesMovedV1 {
  @IsUUID()
  caseId: string;

  @IsString()
  ticketNumber: string;

  @IsBoolean()
  held: boolean;

  /** The new due time; null while held. */
  @IsOptional()
  @IsISO8601({ strict: true })
  dueAt: string | null;

  /** The new at-risk time (unchanged when the case was already at risk); null while held. */
  @IsOptional()
  @IsISO8601({ strict: true })
  atRiskAt: string | null;

  /** Minutes of the target's clock (business minutes for a BUSINESS target) left until due. */
  @IsInt()
  @Min(0)
  remainingMinutes: number;

  /** The status change that paused or resumed the clock (its `changedAt`). */
  @IsISO8601({ strict: true })
  at: string;
}

export const CaseDeadlinesMoved = defineEvent(
  'routing.evt.case-deadlines-moved.v1',
  CaseDeadlinesMovedV1,
);
