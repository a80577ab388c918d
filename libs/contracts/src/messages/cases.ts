import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsEnum,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { defineEvent } from '../contract.js';
import { CaseStatus, Channel } from '../enums.js';
import { LegacyOrigin } from './legacy.js';
import { GeoLocation } from './shared.js';

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

  /** Set only on imported history: the case may already be closed; never notify or escalate. */
  @IsOptional()
  @ValidateNested()
  @Type(() => LegacyOrigin)
  legacy?: LegacyOrigin;
}

export const CaseOpened = defineEvent('cases.evt.case-opened.v1', CaseOpenedV1);

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
}

export const StatusChanged = defineEvent('cases.evt.status-changed.v1', StatusChangedV1);
