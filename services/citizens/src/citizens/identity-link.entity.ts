import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, Unique } from 'typeorm';

/** The resident's id in a legacy system: imports carrying it always land on the same resident. */
@Entity('identity_link')
@Unique('identity_link_source_key', ['sourceSystem', 'sourceIdHash'])
@Index('identity_link_citizen_idx', ['citizenId'])
export class IdentityLinkEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  citizenId: string;

  @Column('text')
  sourceSystem: string;

  @Column('text')
  sourceIdEnc: string;

  @Column('text')
  sourceIdHash: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
