import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

export type CodePurpose = 'CONTACT_POINT' | 'LOGIN_LINK';

/** One code sent: what the rate limits count (per contact point, per resident). */
@Entity('verification_code_send')
@Index('verification_code_send_citizen_idx', ['citizenId', 'sentAt'])
@Index('verification_code_send_lookup_idx', ['lookupHash', 'sentAt'])
@Check('verification_code_send_purpose_check', `purpose IN ('CONTACT_POINT', 'LOGIN_LINK')`)
export class VerificationCodeSendEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  citizenId: string;

  @Column('text')
  purpose: CodePurpose;

  /** The look-up hash of the contact point the code went to. */
  @Column('text', { nullable: true })
  lookupHash: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  sentAt: Date;
}
