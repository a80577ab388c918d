import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsEnum,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { defineEvent } from '../contract.js';
import { Channel } from '../enums.js';
import { LegacyOrigin } from './legacy.js';
import { GeoLocation, SEALED_VALUE } from './shared.js';

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

  /** Set only on history imported from a legacy system (channel LEGACY_IMPORT). */
  @IsOptional()
  @ValidateNested()
  @Type(() => LegacyOrigin)
  legacy?: LegacyOrigin;
}

export const SubmissionAccepted = defineEvent(
  'intake.evt.submission-accepted.v1',
  SubmissionAcceptedV1,
);
