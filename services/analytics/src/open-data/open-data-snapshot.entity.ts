import { Column, CreateDateColumn, Entity, ForeignKey, PrimaryColumn } from 'typeorm';

/** One month's open-data file as written the first night after the month ended; never rewritten. */
@Entity('open_data_snapshot')
export class OpenDataSnapshotEntity {
  /** `YYYY-MM`, in the jurisdiction's time zone. */
  @PrimaryColumn('text')
  month: string;

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
export class OpenDataSnapshotChunkEntity {
  @PrimaryColumn('text')
  @ForeignKey(() => OpenDataSnapshotEntity, 'month', {
    name: 'open_data_snapshot_chunk_month_fkey',
    onDelete: 'CASCADE',
  })
  month: string;

  @PrimaryColumn('integer')
  seq: number;

  @Column('text')
  data: string;
}
