import { ArrayNotEmpty, IsArray, IsBoolean, IsIn, IsUUID } from 'class-validator';
import { defineRequest } from '../contract.js';

/** Fields of `Citizen` that other subgraphs serve and that reveal what a person reported. */
export const PERSONAL_HISTORY_FIELDS = ['cases', 'submissions'] as const;
export type PersonalHistoryField = (typeof PERSONAL_HISTORY_FIELDS)[number];

/**
 * A staff member is about to read a resident's personal history held by the calling service
 * (`Citizen.cases` in cases, `Citizen.submissions` in intake): citizens writes it to the audit log,
 * with who (the envelope's actor), before the caller returns anything (no entry, no data).
 */
export class RecordPersonalReadRequest {
  @IsUUID()
  citizenId: string;

  @IsArray()
  @ArrayNotEmpty()
  @IsIn(PERSONAL_HISTORY_FIELDS, { each: true })
  fields: PersonalHistoryField[];
}

export class RecordPersonalReadReply {
  @IsBoolean()
  recorded: boolean;
}

export const RecordPersonalRead = defineRequest(
  'citizens.cmd.record-personal-read.v1',
  RecordPersonalReadRequest,
  RecordPersonalReadReply,
  ['cases', 'intake'],
);
