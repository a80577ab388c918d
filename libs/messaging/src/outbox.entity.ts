import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Events written in the same transaction as the change they report; the relay publishes them. */
@Entity('outbox')
@Index('outbox_unpublished', ['seq'], { where: 'published_at IS NULL' })
export class OutboxMessage {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ type: 'bigint', generated: 'increment' })
  seq: string;

  @Column('text')
  subject: string;

  @Column('jsonb')
  envelope: Record<string, unknown>;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  publishedAt: Date | null;
}
