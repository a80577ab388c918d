import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryColumn,
  UpdateDateColumn,
} from 'typeorm';

export type CitizenKind = 'PERSON' | 'ORGANIZATION';

/**
 * A resident or an organisation. Personal data is stored only sealed by the PII cipher (`*_enc`);
 * exact look-ups go through keyed hashes of the normalised value (contact points), fuzzy ones
 * through blind tokens (keyed hashes of normalised name and address parts), never the plaintext.
 * The e-mail and phone here are the primary ones; every one known is a contact point.
 */
@Entity('citizen')
@Index('citizen_email_hash_idx', ['emailHash'])
@Index('citizen_phone_hash_idx', ['phoneHash'])
@Index('citizen_merged_into_idx', ['mergedInto'])
@Index('citizen_blind_tokens_idx', { synchronize: false })
@Check('citizen_kind_check', `kind IN ('PERSON', 'ORGANIZATION')`)
export class CitizenEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('text', { default: 'PERSON' })
  kind: CitizenKind;

  @Column('text', { nullable: true })
  firstNameEnc: string | null;

  @Column('text', { nullable: true })
  lastNameEnc: string | null;

  @Column('text', { nullable: true })
  organisationNameEnc: string | null;

  @Column('text', { nullable: true })
  emailEnc: string | null;

  @Column('text', { nullable: true })
  phoneEnc: string | null;

  @Column('text', { nullable: true })
  emailHash: string | null;

  @Column('text', { nullable: true })
  phoneHash: string | null;

  /** BCP 47 tag; not personal data. */
  @Column('text', { nullable: true })
  preferredLanguage: string | null;

  /** Set when staff merged this record into another (the survivor); it is then only history. */
  @Column('uuid', { nullable: true })
  mergedInto: string | null;

  /** Blind-index tokens (64-bit keyed hashes, decimal strings) of name and address parts. */
  @Column('bigint', { array: true, default: () => "'{}'" })
  blindTokens: string[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
