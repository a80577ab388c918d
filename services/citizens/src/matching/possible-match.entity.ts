import { Check, Column, CreateDateColumn, Entity, Index, PrimaryColumn, Unique } from 'typeorm';

export type PossibleMatchStatus = 'PENDING' | 'ACCEPTED' | 'REJECTED';

/**
 * A new resident who scored in the review band against one already known: staff accept (the two
 * are merged) or reject (they stay two). Until then they are two residents.
 */
@Entity('possible_match')
@Unique('possible_match_pair_key', ['citizenId', 'candidateId'])
@Index('possible_match_status_idx', ['status', 'createdAt'])
@Check('possible_match_status_check', `status IN ('PENDING', 'ACCEPTED', 'REJECTED')`)
export class PossibleMatchEntity {
  @PrimaryColumn('uuid')
  id: string;

  /** The resident created for the contact. */
  @Column('uuid')
  citizenId: string;

  /** The resident they may be. */
  @Column('uuid')
  candidateId: string;

  @Column('real')
  score: number;

  @Column('text', { default: 'PENDING' })
  status: PossibleMatchStatus;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column('timestamptz', { nullable: true })
  resolvedAt: Date | null;

  @Column('text', { nullable: true })
  resolvedBy: string | null;

  @Column('uuid', { nullable: true })
  mergeId: string | null;
}
