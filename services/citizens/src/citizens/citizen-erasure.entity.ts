import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An erased resident: the citizen row stays as a tombstone without personal data; this says when and why. */
@Entity('citizen_erasure')
export class CitizenErasureEntity {
  @PrimaryColumn('uuid')
  citizenId: string;

  @Column('timestamptz')
  erasedAt: Date;

  @Column('text', { nullable: true })
  erasedBy: string | null;

  @Column('text')
  reason: string;
}
