import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One status change of a case (`status-changed`), kept so transitions can be counted: routing
 * opening a case (NEW -> OPEN), staff moving it along, closures, reopenings. No personal data.
 */
@Entity('status_transition')
@Index('status_transition_from_to_idx', ['fromStatus', 'toStatus'])
@Index('status_transition_case_idx', ['caseId', 'changedAt'])
export class StatusTransitionEntity {
  /** The event's id: the same change is never counted twice. */
  @PrimaryColumn('uuid')
  eventId: string;

  @Column('uuid')
  caseId: string;

  @Column('text')
  fromStatus: string;

  @Column('text')
  toStatus: string;

  @Column('timestamptz')
  changedAt: Date;
}
