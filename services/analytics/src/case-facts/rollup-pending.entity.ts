import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A case fact changed since the rollups last counted it (docs/adr/0087): `counted` is its row as
 * the rollups count it, until `RollupFolder` folds the difference to the row as it is now.
 */
@Entity('rollup_pending')
export class RollupPendingEntity {
  @PrimaryColumn('uuid')
  caseId: string;

  /** The fact's row (`to_jsonb(case_fact)`) before its first change not folded yet. */
  @Column('jsonb')
  counted: unknown;

  @Column('timestamptz', { default: () => 'now()' })
  notedAt: Date;
}
