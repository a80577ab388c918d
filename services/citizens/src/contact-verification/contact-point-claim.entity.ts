import { Check, Column, CreateDateColumn, Entity, PrimaryColumn, Unique } from 'typeorm';

export type ClaimedKind = 'EMAIL' | 'PHONE';

/**
 * An e-mail or phone a resident added to their own profile and has not proved yet (ADR 0040). It
 * is not a contact point: nothing matches on it, merges leave it, notifications never use it.
 * The current one-time code is held only as a keyed hash; it expires, and a number of wrong
 * attempts voids it.
 */
@Entity('contact_point_claim')
@Unique('contact_point_claim_once', ['citizenId', 'kind', 'lookupHash'])
@Check('contact_point_claim_kind_check', `kind IN ('EMAIL', 'PHONE')`)
export class ContactPointClaimEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  citizenId: string;

  @Column('text')
  kind: ClaimedKind;

  @Column('text')
  valueEnc: string;

  @Column('text')
  lookupHash: string;

  /** Null once the code was used up (too many wrong attempts). */
  @Column('text', { nullable: true })
  codeHash: string | null;

  @Column('timestamptz', { nullable: true })
  codeExpiresAt: Date | null;

  @Column('integer', { default: 0 })
  attempts: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
