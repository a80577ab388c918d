import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

export type CitizenKind = 'PERSON';

/**
 * A resident. Personal data is stored only sealed by the PII cipher (`*_enc`); exact look-ups go
 * through keyed hashes of the normalised value, never the plaintext.
 */
@Entity('citizen')
@Index('citizen_email_hash_idx', ['emailHash'])
@Index('citizen_phone_hash_idx', ['phoneHash'])
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
  emailEnc: string | null;

  @Column('text', { nullable: true })
  phoneEnc: string | null;

  @Column('text', { nullable: true })
  emailHash: string | null;

  @Column('text', { nullable: true })
  phoneHash: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
