import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Marks a submission as imported history, and keeps a re-import from storing it twice. */
@Entity('legacy_record')
export class LegacyRecordEntity {
  @PrimaryColumn('text')
  sourceSystem: string;

  @PrimaryColumn('text')
  sourceId: string;

  @Column('uuid', { unique: true })
  submissionId: string;

  @Column('timestamptz')
  importedAt: Date;
}
