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
 * (recipient, subject, text) is sealed and kept only while the reply is queued, or for
 * MAIL_FAILED_KEEP_DAYS after it failed (so staff can send it again); what stays after is the
 * ticket it was about and the outcome.
 */
@Entity('email_reply')
@Index('email_reply_due_idx', ['nextAttemptAt'], { where: `status = 'QUEUED'` })
@Index('email_reply_failed_idx', ['failedAt', 'id'], { where: `status = 'FAILED'` })
@Index('email_reply_kept_idx', ['failedAt'], {
  where: `status = 'FAILED' AND message_sealed IS NOT NULL`,
})
@Index('email_reply_submission_idx', ['submissionId'])
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

  /**
   * The submission the reply announces (null for a message added to an existing case: that
   * sender was never resolved to a resident). Erasing the submission's resident drops the reply.
   */
  @Column('uuid', { nullable: true })
  submissionId: string | null;

  /**
   * The reply (JSON of to, subject, text, inReplyTo), sealed; null once sent, once a failed reply
   * is past MAIL_FAILED_KEEP_DAYS, or once its resident is erased.
   */
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

  /** When it was last given up on (null unless FAILED). */
  @Column('timestamptz', { nullable: true })
  failedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
