import type { CaseStatus } from '@civitas/contracts';
import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';

export enum TimelineKind {
  Opened = 'OPENED',
  Routed = 'ROUTED',
  StatusChanged = 'STATUS_CHANGED',
  Note = 'NOTE',
  Interaction = 'INTERACTION',
  /** Who works the case changed (internal: staff names are for staff). */
  Assigned = 'ASSIGNED',
  /** Overdue: routing's timer found it past its due time and its priority rose (docs/adr/0058). */
  Escalated = 'ESCALATED',
  /** Split into parts, on the parent; split from a parent, on each part (docs/adr/0062). */
  Split = 'SPLIT',
  /** Opened near an open case of its service: possibly the same problem (internal, ADR 0063). */
  PossibleDuplicate = 'POSSIBLE_DUPLICATE',
  /** Staff found it is not a duplicate of the case it was linked to (internal, ADR 0063). */
  PossibleDuplicateRejected = 'POSSIBLE_DUPLICATE_REJECTED',
  /** On hold, its service-level clock stopped; off hold, it runs again to a new due time (ADR 0068). */
  ClockPaused = 'CLOCK_PAUSED',
  ClockResumed = 'CLOCK_RESUMED',
}

export enum Visibility {
  Public = 'PUBLIC',
  Internal = 'INTERNAL',
}

/** One thing that happened to a case, in order. */
@Entity('timeline_entry')
@Index('timeline_entry_case', ['caseId', 'at'])
export class TimelineEntryEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  // By table name: the timeline sits below the cases feature, which writes to it (docs/adr/0033).
  @ForeignKey('service_case', 'id', { name: 'timeline_entry_case_id_fkey' })
  caseId: string;

  @Column('timestamptz')
  at: Date;

  @Column('text')
  kind: TimelineKind;

  @Column('text')
  visibility: Visibility;

  @Column('text')
  summary: string;

  /**
   * The case's status once this entry was made: Open311 reads it as the update's status, so a
   * poller applying updates in order ends where the case is (docs/adr/0035).
   */
  @Column('text')
  caseStatus: CaseStatus;

  /** The staff member who wrote it (their sign-in subject); null for what the system recorded. */
  @Column('text', { nullable: true })
  author: string | null;
}
