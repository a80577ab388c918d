import { IsEnum, IsISO8601, IsOptional, IsString, MaxLength } from 'class-validator';
import { CaseStatus } from '../enums.js';

/**
 * Where an imported historical record came from. Carried on `submission-accepted`, `case-opened`
 * and `case-routed` so every consumer can tell history from live work: no notification, no
 * escalation, original timestamps kept.
 */
export class LegacyOrigin {
  /** The system the record was exported from, e.g. `nyc311`, `ottawa311`. */
  @IsString()
  @MaxLength(100)
  sourceSystem: string;

  /** The record's id in that system (derived from its content where the export has none). */
  @IsString()
  @MaxLength(200)
  sourceId: string;

  /** The status the record had in the source system, mapped to ours. */
  @IsEnum(CaseStatus)
  status: CaseStatus;

  @IsOptional()
  @IsISO8601({ strict: true })
  closedAt?: string;

  /** The agency or department that owned it in the source system. */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  agency?: string;

  /** The source system's own category, kept whatever service it was mapped to. */
  @IsOptional()
  @IsString()
  @MaxLength(300)
  category?: string;
}
