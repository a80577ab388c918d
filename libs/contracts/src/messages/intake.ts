import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsEnum,
  IsISO8601,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { defineEvent, defineRequest } from '../contract.js';
import { Channel } from '../enums.js';
import { LegacyOrigin } from './legacy.js';
import { DuplicateSearch, GeoLocation, SEALED_VALUE } from './shared.js';

export class SubmissionAcceptedV1 {
  @IsUUID()
  submissionId: string;

  @IsString()
  ticketNumber: string;

  @IsString()
  serviceCode: string;

  @IsOptional()
  @IsString()
  @MaxLength(4000)
  description?: string;

  @IsEnum(Channel)
  channel: Channel;

  @IsOptional()
  @ValidateNested()
  @Type(() => GeoLocation)
  location?: GeoLocation;

  /**
   * The reporter's `ReporterContact` as JSON, sealed with the PII keyring intake and citizens share
   * (AES-256-GCM with its key id, libs/crypto). Cases hands it to citizens unread (docs/adr/0023).
   * Absent for an anonymous report. The plain `reporter` that events from before ADR 0023 carried
   * is no longer read (ADR 0029: what to check before deploying).
   */
  @IsOptional()
  @IsString()
  @Matches(SEALED_VALUE, { message: 'must be a value sealed by libs/crypto (v1:<key id>:…)' })
  @MaxLength(16_000)
  reporterSealed?: string;

  @IsOptional()
  @IsObject()
  attributes?: Record<string, string | string[]>;

  @IsBoolean()
  emergency: boolean;

  @IsISO8601({ strict: true })
  receivedAt: string;

  /** A photo or video of the problem (Open311 `media_url`). */
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false })
  @MaxLength(2048)
  mediaUrl?: string;

  /**
   * The place's id in the jurisdiction's master address repository (Open311 `address_id`), beside
   * or instead of `location`; public like the location.
   */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  addressId?: string;

  /**
   * The request is private: the reporter asked, or its service is `alwaysPrivate` (docs/adr/0057).
   * Absent from older intake: not private.
   */
  @IsOptional()
  @IsBoolean()
  private?: boolean;

  /**
   * The description as open data may publish it (docs/adr/0057): e-mail addresses, phone numbers
   * and the reporter's own name removed by intake, which alone holds the name. Absent without a
   * description, and from older versions.
   */
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  publicDescription?: string;

  /**
   * The service's duplicate search as the catalog said when the report was accepted (docs/adr/0063):
   * cases links the new case to an open one this near and this recent. Absent from older intake:
   * DEFAULT_DUPLICATE_SEARCH.
   */
  @IsOptional()
  @ValidateNested()
  @Type(() => DuplicateSearch)
  duplicateSearch?: DuplicateSearch;

  /** Set only on history imported from a legacy system (channel LEGACY_IMPORT). */
  @IsOptional()
  @ValidateNested()
  @Type(() => LegacyOrigin)
  legacy?: LegacyOrigin;

  /**
   * Set when staff split a case (docs/adr/0062): the ticket of the case this submission is a part
   * of, which cases links the new case to when it opens it.
   */
  @IsOptional()
  @IsString()
  @MaxLength(64)
  parentTicketNumber?: string;
}

export const SubmissionAccepted = defineEvent(
  'intake.evt.submission-accepted.v1',
  SubmissionAcceptedV1,
);

/** At most this many parts in one split: a case is split into a few requests, not a batch. */
export const MAX_SPLIT_PARTS = 10;

/** One part of a split case: what it is about, for the department that owns that service. */
export class SplitPart {
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  serviceCode: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  description: string;
}

/**
 * Staff split a case (docs/adr/0062): intake accepts one submission per part, each with its own
 * ticket number and the parent's reporter, channel, place and language, and emits
 * `submission-accepted` with `parentTicketNumber` for each. The same request again (the same
 * parent and parts) answers the same tickets and accepts nothing new.
 */
export class SplitSubmissionRequest {
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  parentTicketNumber: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_SPLIT_PARTS)
  @ValidateNested({ each: true })
  @Type(() => SplitPart)
  parts: SplitPart[];

  /** The parent is private: so is every part, whatever its service (docs/adr/0057). */
  @IsBoolean()
  private: boolean;

  /** The staff member splitting it (their token subject). */
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  splitBy: string;
}

export class SplitChild {
  @IsString()
  ticketNumber: string;

  @IsUUID()
  submissionId: string;

  @IsString()
  serviceCode: string;

  /** The part is private (its parent is, or its service always is). */
  @IsBoolean()
  private: boolean;
}

export class SplitSubmissionReply {
  /** One per part, in the order of the parts. */
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => SplitChild)
  children: SplitChild[];
}

export const SplitSubmission = defineRequest(
  'intake.cmd.split-submission.v1',
  SplitSubmissionRequest,
  SplitSubmissionReply,
  ['cases'],
);

/** At most this many tickets in one look-up: an Open311 list names at most 1,000 ids. */
export const MAX_TICKETS_LOOKED_UP = 1000;

/**
 * Cases asks about tickets it has no case for (docs/adr/0070): a submission intake accepted is
 * readable at once, while its case is still being opened from `submission-accepted`.
 */
export class SubmissionsByTicketRequest {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_TICKETS_LOOKED_UP)
  @IsString({ each: true })
  @MaxLength(64, { each: true })
  ticketNumbers: string[];
}

/**
 * What intake knows of an accepted submission, as `submission-accepted` told cases: never the
 * reporter. Cases decides who may see it (a private one: staff who serve residents; its status:
 * anyone holding the ticket).
 */
export class AcceptedSubmissionView {
  @IsUUID()
  submissionId: string;

  @IsString()
  ticketNumber: string;

  @IsString()
  serviceCode: string;

  @IsEnum(Channel)
  channel: Channel;

  @IsISO8601({ strict: true })
  receivedAt: string;

  @IsBoolean()
  emergency: boolean;

  /** Private (the reporter asked, or the service always is), or not known to be public. */
  @IsBoolean()
  private: boolean;

  @IsOptional()
  @IsString()
  @MaxLength(4000)
  description?: string;

  @IsOptional()
  @ValidateNested()
  @Type(() => GeoLocation)
  location?: GeoLocation;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  addressId?: string;

  @IsOptional()
  @IsString()
  @MaxLength(2048)
  mediaUrl?: string;

  @IsOptional()
  @IsObject()
  attributes?: Record<string, string | string[]>;
}

export class SubmissionsByTicketReply {
  /** Those of the tickets intake accepted (live ones: imported history is not answered), any order. */
  @IsArray()
  @ArrayMaxSize(MAX_TICKETS_LOOKED_UP)
  @ValidateNested({ each: true })
  @Type(() => AcceptedSubmissionView)
  submissions: AcceptedSubmissionView[];
}

export const SubmissionsByTicket = defineRequest(
  'intake.qry.submission-by-ticket.v1',
  SubmissionsByTicketRequest,
  SubmissionsByTicketReply,
  ['cases'],
);
