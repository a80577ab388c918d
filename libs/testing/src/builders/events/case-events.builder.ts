import { randomUUID } from 'node:crypto';
import {
  CaseStatus,
  Channel,
  type CaseOpenedV1,
  type GeoLocation,
  type LegacyOrigin,
  type NoteAddedV1,
  type NoteVisibility,
  type StatusChangedV1,
  type SubmissionAcceptedV1,
} from '@civitas/contracts';
import { aCaseRef, isoNow, PayloadBuilder, type CaseRef } from './payload-builder.js';

/** `cases.evt.case-opened.v1`: a new anonymous web report of a pothole, opened now. */
export class CaseOpenedBuilder extends PayloadBuilder<CaseOpenedV1> {
  constructor() {
    const ref = aCaseRef();
    super({
      ...ref,
      submissionId: randomUUID(),
      serviceCode: 'pothole',
      channel: Channel.WEB,
      reporterId: null,
      emergency: false,
      openedAt: isoNow(),
    });
  }

  forCase(ref: CaseRef): this {
    return this.with({ caseId: ref.caseId, ticketNumber: ref.ticketNumber });
  }

  /** Opened for a submission a spec made through intake: its id and ticket number. */
  forSubmission(made: Pick<SubmissionAcceptedV1, 'submissionId' | 'ticketNumber'>): this {
    return this.with({ submissionId: made.submissionId, ticketNumber: made.ticketNumber });
  }

  /** Opened for this submission, as cases does (same ids, service, channel, place). */
  fromSubmission(submission: SubmissionAcceptedV1): this {
    return this.with({
      submissionId: submission.submissionId,
      ticketNumber: submission.ticketNumber,
      serviceCode: submission.serviceCode,
      channel: submission.channel,
      description: submission.description,
      location: submission.location,
      emergency: submission.emergency,
    });
  }

  /** The resident citizens resolved the reporter to; null for an anonymous report. */
  reportedBy(citizenId: string | null): this {
    return this.with({ reporterId: citizenId });
  }

  forService(serviceCode: string): this {
    return this.with({ serviceCode });
  }

  via(channel: Channel): this {
    return this.with({ channel });
  }

  at(location: GeoLocation): this {
    return this.with({ location });
  }

  asEmergency(): this {
    return this.with({ emergency: true });
  }

  describedAs(description: string): this {
    return this.with({ description });
  }

  /** Answers to the service's questions, by attribute code. */
  answering(attributes: Record<string, string | string[]>): this {
    return this.with({ attributes });
  }

  /** A private case (docs/adr/0057): open data leaves it out. */
  asPrivate(): this {
    return this.with({ private: true });
  }

  /** What intake published of the description (docs/adr/0057), scrubbed of contact details. */
  publishedAs(publicDescription: string): this {
    return this.with({ publicDescription });
  }

  openedAt(at: Date | string): this {
    return this.with({ openedAt: typeof at === 'string' ? at : at.toISOString() });
  }

  /** Imported history: it travels in `aHistoryOpened()` batches. */
  imported(legacy: Partial<LegacyOrigin> = {}): this {
    return this.with({
      channel: Channel.LEGACY_IMPORT,
      legacy: {
        sourceSystem: 'legacy311',
        sourceId: this.payload.caseId,
        status: CaseStatus.CLOSED,
        ...legacy,
      },
    });
  }
}

/** `cases.evt.status-changed.v1`: a case moved from OPEN to IN_PROGRESS by staff, now. */
export class StatusChangedBuilder extends PayloadBuilder<StatusChangedV1> {
  constructor() {
    super({
      ...aCaseRef(),
      from: CaseStatus.OPEN,
      to: CaseStatus.IN_PROGRESS,
      changedAt: isoNow(),
    });
  }

  forCase(ref: CaseRef): this {
    return this.with({ caseId: ref.caseId, ticketNumber: ref.ticketNumber });
  }

  /** A case known by its ticket number only (a fresh id). */
  withTicketNumber(ticketNumber: string): this {
    return this.with({ ticketNumber });
  }

  from(status: CaseStatus): this {
    return this.with({ from: status });
  }

  to(status: CaseStatus): this {
    return this.with({ to: status });
  }

  /** Closed by staff as a duplicate of the case with this ticket number (`markCaseDuplicate`). */
  asDuplicateOf(parentTicketNumber: string): this {
    return this.with({ to: CaseStatus.CLOSED, duplicateOf: parentTicketNumber });
  }

  /** Reports closed as its duplicates follow it: their reporters are told too (docs/adr/0063). */
  withFollowers(...caseIds: string[]): this {
    return this.with({ followers: caseIds });
  }

  /** Staff changes name the service, for consumers that see this before `case-opened`. */
  forService(serviceCode: string): this {
    return this.with({ serviceCode });
  }

  changedAt(at: Date | string): this {
    return this.with({ changedAt: typeof at === 'string' ? at : at.toISOString() });
  }
}

/** `cases.evt.note-added.v1`: a public note by a caseworker, now. */
export class NoteAddedBuilder extends PayloadBuilder<NoteAddedV1> {
  constructor() {
    super({
      noteId: randomUUID(),
      ...aCaseRef(),
      visibility: 'PUBLIC',
      addedBy: 'caseworker-1',
      addedAt: isoNow(),
    });
  }

  forCase(ref: CaseRef): this {
    return this.with({ caseId: ref.caseId, ticketNumber: ref.ticketNumber });
  }

  visible(visibility: NoteVisibility): this {
    return this.with({ visibility });
  }

  by(sub: string | null): this {
    return this.with({ addedBy: sub });
  }
}

export const aCaseOpened = (): CaseOpenedBuilder => new CaseOpenedBuilder();
export const aStatusChanged = (): StatusChangedBuilder => new StatusChangedBuilder();
export const aNoteAdded = (): NoteAddedBuilder => new NoteAddedBuilder();
