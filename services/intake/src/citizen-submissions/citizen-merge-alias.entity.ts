import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A merge intake has heard of, while it stands. `case-opened` (cases' stream) can arrive after
 * `citizens-merged` (citizens' stream) for a case resolved just before the merge: its submission
 * then goes to the survivor, as the merge would have done.
 */
@Entity('citizen_merge_alias')
@Index('citizen_merge_alias_merged_idx', ['mergedId'])
export class CitizenMergeAliasEntity {
  @PrimaryColumn('uuid')
  mergeId: string;

  @Column('uuid')
  mergedId: string;

  @Column('uuid')
  survivorId: string;

  @Column('boolean', { default: true })
  active: boolean;
}
