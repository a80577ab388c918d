import type { CaseStatus } from '@civitas/contracts';
import { InputBuilder } from './input.builder.js';

type Status = CaseStatus | `${CaseStatus}`;

/** cases' `ChangeCaseStatusInput`. */
export interface ChangeCaseStatusInput {
  ticketNumber: string;
  status: Status;
  note?: string;
  publicNote?: string;
}

export class ChangeCaseStatusInputBuilder extends InputBuilder<ChangeCaseStatusInput> {
  constructor(ticketNumber: string, status: Status) {
    super({ ticketNumber, status });
  }

  /** An internal note on the timeline, for staff only. */
  withNote(note: string): this {
    return this.with({ note });
  }

  /** What the resident is told with the change (the resolution, when closing). */
  withPublicNote(publicNote: string): this {
    return this.with({ publicNote });
  }
}

/** Moves the case `ticketNumber` to `status`, with no note. */
export function aChangeCaseStatusInput(
  ticketNumber: string,
  status: Status,
): ChangeCaseStatusInputBuilder {
  return new ChangeCaseStatusInputBuilder(ticketNumber, status);
}

/** cases' `AddCaseNoteInput`. */
export interface AddCaseNoteInput {
  ticketNumber: string;
  text: string;
  public: boolean;
}

export class AddCaseNoteInputBuilder extends InputBuilder<AddCaseNoteInput> {
  constructor(ticketNumber: string, text: string) {
    super({ ticketNumber, text, public: false });
  }

  /** Shown to the resident, who is told a note was added. */
  public(): this {
    return this.with({ public: true });
  }
}

/** An internal (staff only) note on the case `ticketNumber`. */
export function anAddCaseNoteInput(ticketNumber: string, text: string): AddCaseNoteInputBuilder {
  return new AddCaseNoteInputBuilder(ticketNumber, text);
}

/** cases' `MarkCaseDuplicateInput`. */
export interface MarkCaseDuplicateInput {
  ticketNumber: string;
  duplicateOf: string;
}

export class MarkCaseDuplicateInputBuilder extends InputBuilder<MarkCaseDuplicateInput> {
  constructor(ticketNumber: string, duplicateOf: string) {
    super({ ticketNumber, duplicateOf });
  }
}

/** Closes the case `ticketNumber` as a duplicate of the case `duplicateOf`. */
export function aMarkCaseDuplicateInput(
  ticketNumber: string,
  duplicateOf: string,
): MarkCaseDuplicateInputBuilder {
  return new MarkCaseDuplicateInputBuilder(ticketNumber, duplicateOf);
}
