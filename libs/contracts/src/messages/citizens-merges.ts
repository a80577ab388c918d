import { IsISO8601, IsString, IsUUID, MaxLength } from 'class-validator';
import { defineEvent } from '../contract.js';

/**
 * Two records were found to be one resident: every service that holds `mergedId` re-points it to
 * `survivorId`, remembering what it changed under `mergeId` so an unmerge can put it back.
 */
export class CitizensMergedV1 {
  @IsUUID()
  mergeId: string;

  @IsUUID()
  survivorId: string;

  @IsUUID()
  mergedId: string;

  @IsString()
  @MaxLength(1000)
  reason: string;

  @IsISO8601({ strict: true })
  mergedAt: string;
}

export const CitizensMerged = defineEvent('citizens.evt.citizens-merged.v1', CitizensMergedV1);

/** A merge was undone: what each service re-pointed under `mergeId` goes back to `mergedId`. */
export class CitizensUnmergedV1 {
  @IsUUID()
  mergeId: string;

  @IsUUID()
  survivorId: string;

  @IsUUID()
  mergedId: string;

  @IsISO8601({ strict: true })
  unmergedAt: string;
}

export const CitizensUnmerged = defineEvent(
  'citizens.evt.citizens-unmerged.v1',
  CitizensUnmergedV1,
);
