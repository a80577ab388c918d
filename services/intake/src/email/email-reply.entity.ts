import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryColumn,
  UpdateDateColumn,
} from 'typeorm';

export type EmailReplyStatus = 'QUEUED' | 'SENT' | 'FAILED';

/**
 * An answer owed to someone who e-mailed 311, recorded in the transaction that took their message
 * (docs/adr/0021) and sent after the commit by `ReplyDispatcher`, with retries. The message itself
 * (recipient, subject, text) is sealed and kept only while the reply is queued; what stays after
 * is the ticket it was about and the outcome.
 */
@Entity('email_reply')
@Index('email_reply_due_idx', ['nextAttemptAt'], { where: `status = 'QUEUED'` })
@Index('email_reply_failed_idx', ['updatedAt'], { where: `status = 'FAILED'` })
@Check('email_reply_status_check', `status IN ('QUEUED', 'SENT', 'FAILED')`)
export class EmailReplyEntity {
  @PrimaryColumn('uuid')
  id: string;

  /** The ticket the reply announces (a new submission's, or the case a message was added to). */
  @Column('text')
  ticketNumber: string;

  /** `email:<Message-ID>` of the message answered: a relay's re-delivery queues no second reply. */
  @Column('text', { nullable: true, unique: true })
  idempotencyKey: string | null;

  /** The reply (JSON of to, subject, text, inReplyTo), sealed; null once sent or failed. */
  @Column('text', { nullable: true })
  messageSealed: string | null;

  @Column('text')
  status: EmailReplyStatus;

  @Column('int', { default: 0 })
  attempts: number;

  /** Why the last attempt failed; addresses masked out. */
  @Column('text', { nullable: true })
  lastError: string | null;

  /** When a queued reply is next tried (also the lease of an attempt under way). */
  @Column('timestamptz', { nullable: true })
  nextAttemptAt: Date | null;

  @Column('timestamptz', { nullable: true })
  sentAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
