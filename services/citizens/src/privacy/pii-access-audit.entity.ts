import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

export type PiiAccessOutcome = 'GRANTED' | 'DENIED';

/** One read (or refused read) of a resident's personal data. Append-only: the database refuses changes. */
@Entity('pii_access_audit')
@Index('pii_access_audit_citizen_idx', ['citizenId', 'at'])
@Check('pii_access_audit_outcome_check', `outcome IN ('GRANTED', 'DENIED')`)
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

  @Column('uuid')
  citizenId: string;

  @Column('text', { array: true })
  fields: string[];

  @Column('text', { nullable: true })
  purpose: string | null;

  @Column('text')
  outcome: PiiAccessOutcome;
}
