import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export enum TimelineKind {
  Opened = 'OPENED',
  Routed = 'ROUTED',
  StatusChanged = 'STATUS_CHANGED',
  Note = 'NOTE',
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
  caseId: string;

  @Column('timestamptz')
  at: Date;

  @Column('text')
  kind: TimelineKind;

  @Column('text')
  visibility: Visibility;

  @Column('text')
  summary: string;
}
