import { IsArray, IsISO8601, IsObject, IsUUID } from 'class-validator';
import { defineEvent, defineRequest } from '../contract.js';

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
