import { IsArray, IsBoolean, IsString, MaxLength } from 'class-validator';
import { defineRequest } from '../contract.js';

/** Free text (an e-mail's subject and body) to be matched against the catalog's keywords. */
export class ClassifyTextRequest {
  @IsString()
  @MaxLength(100_000)
  text: string;
}

export class ClassifyTextReply {
  /** The best-matching active service, or the catalog's fallback (`general-inquiry`). */
  @IsString()
  serviceCode: string;

  /** False when nothing matched and the answer is the fallback service. */
  @IsBoolean()
  matched: boolean;

  /** The keywords that matched, for the log and for staff triage. */
  @IsArray()
  @IsString({ each: true })
  keywords: string[];
}

export const ClassifyText = defineRequest(
  'routing.qry.classify-text.v1',
  ClassifyTextRequest,
  ClassifyTextReply,
  ['intake'],
);
