import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

export type PiiAccessOutcome = 'GRANTED' | 'DENIED';

/**
 * One read (or refused read) of a resident's personal data, or refusals folded together
 * (docs/adr/0045). Append-only: the database refuses changes.
 */
@Entity('pii_access_audit')
@Index('pii_access_audit_citizen_idx', ['citizenId', 'at'])
@Check('pii_access_audit_outcome_check', `outcome IN ('GRANTED', 'DENIED')`)
@Check(
  'pii_access_audit_occurrences_check',
  `occurrences >= 1 AND (occurrences = 1 OR outcome = 'DENIED')`,
)
@Check('pii_access_audit_citizen_check', `citizen_id IS NOT NULL OR outcome = 'DENIED'`)
export class PiiAccessAuditEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at: Date;

  /** Null when an anonymous caller was refused. */
  @Column('text', { nullable: true })
  actorSub: string | null;

  @Column('text', { array: true })
  actorRoles: string[];

  /** Null only on folded anonymous refusals that concerned more than one resident. */
  @Column('uuid', { nullable: true })
  citizenId: string | null;

  @Column('text', { array: true })
  fields: string[];

  @Column('text', { nullable: true })
  purpose: string | null;

  @Column('text')
  outcome: PiiAccessOutcome;

  /** How many refusals this entry stands for (1 for every read and every unfolded refusal). */
  @Column('integer', { default: 1 })
  occurrences: number;

  /** The last of the folded refusals (`at` is the first); null when the entry stands for one. */
  @Column({ type: 'timestamptz', nullable: true })
  lastAt: Date | null;
}
