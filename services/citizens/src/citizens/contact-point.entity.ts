import { Check, Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

export type ContactPointKind = 'EMAIL' | 'PHONE' | 'POSTAL';

/** One way to reach a resident. The value is sealed; e-mails and parsable phones carry a look-up hash. */
@Entity('contact_point')
@Index('contact_point_lookup_idx', ['kind', 'lookupHash'])
@Index('contact_point_citizen_idx', ['citizenId'])
@Check('contact_point_kind_check', `kind IN ('EMAIL', 'PHONE', 'POSTAL')`)
export class ContactPointEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  citizenId: string;

  @Column('text')
  kind: ContactPointKind;

  @Column('text')
  valueEnc: string;

  @Column('text', { nullable: true })
  lookupHash: string | null;

  /**
   * When the point was added: the clock at insert, not the transaction's start. A resolution that
   * waited for another one's lock began before it, yet adds its point after it (`addedAt` order).
   */
  @CreateDateColumn({ type: 'timestamptz', default: () => 'clock_timestamp()' })
  createdAt: Date;
}
