import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Ids of events a consumer has applied, recorded in the same transaction as the effect. */
@Entity('inbox')
export class InboxMessage {
  @PrimaryColumn('text')
  consumer: string;

  @PrimaryColumn('uuid')
  messageId: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  processedAt: Date;
}
