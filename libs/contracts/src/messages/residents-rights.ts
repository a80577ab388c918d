import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsEnum,
  IsInt,
  IsISO8601,
  IsNotEmpty,
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
import { CaseStatus } from '../enums.js';

/**
 * A resident's personal data was erased (their request, or an admin's): every service blanks what
 * it holds about `citizenId`. The id itself stays, opaque, on a tombstone in citizens.
 */
export class CitizenErasedV1 {
  @IsUUID()
  citizenId: string;

  @IsISO8601({ strict: true })
  erasedAt: string;
}

export const CitizenErased = defineEvent('citizens.evt.citizen-erased.v1', CitizenErasedV1);

/** Everything a service holds about one resident, for the resident's own download (requestMyData). */
export class CitizenDataRequest {
  @IsUUID()
  citizenId: string;
}

/** Intake's part: the resident's submissions, unsealed (`payload` is null once erased). */
export class IntakeCitizenDataReply {
  @IsArray()
  @IsObject({ each: true })
  submissions: Record<string, unknown>[];
}

export const IntakeCitizenData = defineRequest(
  'intake.qry.citizen-data.v1',
  CitizenDataRequest,
  IntakeCitizenDataReply,
  ['citizens'],
);

/** Cases' part: the cases the resident reported, with their public timeline. */
export class CasesCitizenDataReply {
  @IsArray()
  @IsObject({ each: true })
  cases: Record<string, unknown>[];
}

export const CasesCitizenData = defineRequest(
  'cases.qry.citizen-data.v1',
  CitizenDataRequest,
  CasesCitizenDataReply,
  ['citizens'],
);

/**
 * Most rows one page of a resident's own requests asks a service for (`myRequests`, at most 100
 * a page, asks for one more to know whether another page follows).
 */
export const MAX_CITIZEN_REQUESTS_PAGE = 101;

/**
 * Where a page of a resident's requests starts: strictly before this request in their list
 * (received time, newest first, then ticket number, descending).
 */
export class RequestListPosition {
  /** ISO 8601 with the database's precision (microseconds), so no row is skipped or repeated. */
  @IsISO8601({ strict: true })
  receivedAt: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  ticketNumber: string;
}

/**
 * The resident's submissions intake accepted but no case has been opened for yet, as far as
 * intake can tell (docs/adr/0096): those entered under their sign-in and not yet attributed.
 */
export class CitizenSubmissionsRequest {
  /** The resident's sign-in (token subject), as intake stored who entered a submission. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  sub: string;

  @IsInt()
  @Min(1)
  @Max(MAX_CITIZEN_REQUESTS_PAGE)
  first: number;

  @IsOptional()
  @ValidateNested()
  @Type(() => RequestListPosition)
  before?: RequestListPosition;
}

/** A submission as the resident's list shows it: never its payload. */
export class CitizenSubmissionRow {
  @IsString()
  @IsNotEmpty()
  ticketNumber: string;

  @IsString()
  @IsNotEmpty()
  serviceCode: string;

  /** Microsecond precision (see RequestListPosition). */
  @IsISO8601({ strict: true })
  receivedAt: string;
}

export class CitizenSubmissionsReply {
  /** Newest first, at most `first`. */
  @IsArray()
  @ArrayMaxSize(MAX_CITIZEN_REQUESTS_PAGE)
  @ValidateNested({ each: true })
  @Type(() => CitizenSubmissionRow)
  submissions: CitizenSubmissionRow[];
}

export const IntakeCitizenSubmissions = defineRequest(
  'intake.qry.citizen-submissions.v1',
  CitizenSubmissionsRequest,
  CitizenSubmissionsReply,
  ['citizens'],
);

/**
 * One page of the cases a resident reported (merged records' included: cases re-points them), and
 * which of `tickets` (submissions intake still holds as not opened) have a case at all, anyone's.
 */
export class CitizenRequestsRequest {
  @IsUUID()
  citizenId: string;

  @IsInt()
  @Min(1)
  @Max(MAX_CITIZEN_REQUESTS_PAGE)
  first: number;

  @IsOptional()
  @ValidateNested()
  @Type(() => RequestListPosition)
  before?: RequestListPosition;

  @IsArray()
  @ArrayMaxSize(MAX_CITIZEN_REQUESTS_PAGE)
  @IsString({ each: true })
  @MaxLength(64, { each: true })
  tickets: string[];
}

/** A case as its reporter's list shows it: no notes, no staff, no department. */
export class CitizenRequestRow {
  @IsString()
  @IsNotEmpty()
  ticketNumber: string;

  @IsString()
  @IsNotEmpty()
  serviceCode: string;

  @IsEnum(CaseStatus)
  status: CaseStatus;

  /** When the submission was received (the case's opening time), microsecond precision. */
  @IsISO8601({ strict: true })
  receivedAt: string;

  /** When the case last changed; its closing time while closed. */
  @IsISO8601({ strict: true })
  changedAt: string;

  @IsOptional()
  @IsISO8601({ strict: true })
  closedAt?: string;
}

export class CitizenRequestsReply {
  /** Newest first, at most `first`. */
  @IsArray()
  @ArrayMaxSize(MAX_CITIZEN_REQUESTS_PAGE)
  @ValidateNested({ each: true })
  @Type(() => CitizenRequestRow)
  requests: CitizenRequestRow[];

  /** Those of the asked `tickets` a case has been opened for (whoever's it is). */
  @IsArray()
  @ArrayMaxSize(MAX_CITIZEN_REQUESTS_PAGE)
  @IsString({ each: true })
  opened: string[];
}

export const CasesCitizenRequests = defineRequest(
  'cases.qry.citizen-requests.v1',
  CitizenRequestsRequest,
  CitizenRequestsReply,
  ['citizens'],
);
