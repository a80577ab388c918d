import { Column, CreateDateColumn, Entity, ForeignKey, PrimaryColumn } from 'typeorm';

/**
 * One month's open-data file in one format, as written the first night after the month ended;
 * never rewritten. Each month has its CSV and its JSON, written from one read (docs/adr/0065).
 */
@Entity('open_data_snapshot')
export class OpenDataSnapshotEntity {
  /** `YYYY-MM`, in the jurisdiction's time zone. */
  @PrimaryColumn('text')
  month: string;

  /** `csv` or `json`. */
  @PrimaryColumn('text')
  format: string;

  @Column('integer')
  rowCount: number;

  @Column('bigint')
  byteCount: string;

  @Column('text')
  etag: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

/** The file itself, in pieces of about a megabyte, so serving it never holds it whole. */
@Entity('open_data_snapshot_chunk')
@ForeignKey(() => OpenDataSnapshotEntity, ['month', 'format'], ['month', 'format'], {
  name: 'open_data_snapshot_chunk_month_fkey',
  onDelete: 'CASCADE',
})
export class OpenDataSnapshotChunkEntity {
  @PrimaryColumn('text')
  month: string;

  @PrimaryColumn('text')
  format: string;

  @PrimaryColumn('integer')
  seq: number;

  @Column('text')
  data: string;
}
