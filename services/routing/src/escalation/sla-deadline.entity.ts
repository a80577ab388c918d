import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** The two deadlines of a live case's target (docs/adr/0054): 80% of the way, and its due time. */
export enum DeadlineKind {
  AT_RISK = 'AT_RISK',
  OVERDUE = 'OVERDUE',
}

/**
 * PENDING until the timer fires it (FIRED, once) or the case closes first (CANCELLED; a reopened
 * case's deadline is PENDING again and fires at the next scan if already past). HELD while the
 * case is ON_HOLD and its service pauses on hold: `heldMs` is the time that was left, PENDING
 * again at that much later when the case leaves hold (docs/adr/0068).
 */
export enum DeadlineState {
  PENDING = 'PENDING',
  FIRED = 'FIRED',
  CANCELLED = 'CANCELLED',
  HELD = 'HELD',
}

/**
 * One deadline of one live case, kept in the database so every routing replica shares the timer
 * and a restart loses nothing (docs/adr/0058). The key (case, kind) makes each fire at most once.
 */
@Entity('sla_deadline')
@Index('sla_deadline_pending_idx', ['dueAt'], { where: `state = 'PENDING'` })
@Check('sla_deadline_kind_check', `kind IN ('AT_RISK', 'OVERDUE')`)
@Check('sla_deadline_state_check', `state IN ('PENDING', 'FIRED', 'CANCELLED', 'HELD')`)
@Check('sla_deadline_held_check', `(state = 'HELD') = (held_ms IS NOT NULL)`)
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

  /** While HELD: the time that was left, in ms of the target's clock (business ms for BUSINESS). */
  @Column('bigint', { nullable: true })
  heldMs: string | null;

  /** When it was last held (kept after it resumes, as a record). */
  @Column('timestamptz', { nullable: true })
  heldAt: Date | null;
}
