import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, ValidateNested } from 'class-validator';
import { defineEvent } from '../contract.js';
import { CaseOpenedV1 } from './cases.js';
import { SubmissionAcceptedV1 } from './intake.js';
import { CaseRoutedV1 } from './routing.js';

/**
 * Imported history travels in batches (docs/adr/0022): one event carries up to this many records,
 * so a 127k-row import is a few hundred messages on the bus, not half a million. Each record has
 * exactly the shape of its live counterpart, with `legacy` set.
 */
export const HISTORY_BATCH_MAX = 500;

export class HistoryAcceptedV1 {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(HISTORY_BATCH_MAX)
  @ValidateNested({ each: true })
  @Type(() => SubmissionAcceptedV1)
  submissions: SubmissionAcceptedV1[];
}

/** Intake accepted a batch of imported records (each a submission on channel LEGACY_IMPORT). */
export const HistoryAccepted = defineEvent('intake.evt.history-accepted.v1', HistoryAcceptedV1);

export class HistoryOpenedV1 {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(HISTORY_BATCH_MAX)
  @ValidateNested({ each: true })
  @Type(() => CaseOpenedV1)
  cases: CaseOpenedV1[];
}

/** Cases opened a batch of imported records, with their legacy status and closure. */
export const HistoryOpened = defineEvent('cases.evt.history-opened.v1', HistoryOpenedV1);

export class HistoryRoutedV1 {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(HISTORY_BATCH_MAX)
  @ValidateNested({ each: true })
  @Type(() => CaseRoutedV1)
  routed: CaseRoutedV1[];
}

/** Routing decided the department, priority and (historical) due time of a batch of imported cases. */
export const HistoryRouted = defineEvent('routing.evt.history-routed.v1', HistoryRoutedV1);
