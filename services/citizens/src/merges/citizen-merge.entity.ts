import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Staff folded `mergedId` into `survivorId`: who, when, why, and exactly what moved, so the merge
 * can be undone (`unmergedAt`) without touching anything the survivor gained on its own.
 */
@Entity('citizen_merge')
@Index('citizen_merge_survivor_idx', ['survivorId'])
@Index('citizen_merge_merged_idx', ['mergedId'])
export class CitizenMergeEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  survivorId: string;

  @Column('uuid')
  mergedId: string;

  @Column('text')
  reason: string;

  @Column('text')
  mergedBy: string;

  @Column('timestamptz')
  mergedAt: Date;

  @Column('text', { nullable: true })
  unmergedBy: string | null;

  @Column('timestamptz', { nullable: true })
  unmergedAt: Date | null;

  @Column('uuid', { array: true })
  movedContactPointIds: string[];

  @Column('uuid', { array: true })
  movedLinkIds: string[];

  /** Blind tokens the survivor gained from the merged record. */
  @Column('bigint', { array: true })
  addedTokens: string[];
}
