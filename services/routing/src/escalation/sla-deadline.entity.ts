import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** The two deadlines of a live case's target (docs/adr/0054): 80% of the way, and its due time. */
export enum DeadlineKind {
  AT_RISK = 'AT_RISK',
  OVERDUE = 'OVERDUE',
}

/**
 * PENDING until the timer fires it (FIRED, once) or the case closes first (CANCELLED; a reopened
 * case's deadline is PENDING again and fires at the next scan if already past).
 */
export enum DeadlineState {
  PENDING = 'PENDING',
  FIRED = 'FIRED',
  CANCELLED = 'CANCELLED',
}

/**
 * One deadline of one live case, kept in the database so every routing replica shares the timer
 * and a restart loses nothing (docs/adr/0058). The key (case, kind) makes each fire at most once.
 */
@Entity('sla_deadline')
@Index('sla_deadline_pending_idx', ['dueAt'], { where: `state = 'PENDING'` })
@Check('sla_deadline_kind_check', `kind IN ('AT_RISK', 'OVERDUE')`)
@Check('sla_deadline_state_check', `state IN ('PENDING', 'FIRED', 'CANCELLED')`)
export class SlaDeadlineEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'sla_deadline_pkey' })
  caseId: string;

  @PrimaryColumn('text', { primaryKeyConstraintName: 'sla_deadline_pkey' })
  kind: DeadlineKind;

  /** When it fires: the case's `atRiskAt` or `dueAt`. */
  @Column('timestamptz')
  dueAt: Date;

  @Column('text')
  state: DeadlineState;

  @Column('timestamptz', { nullable: true })
  firedAt: Date | null;
}
