import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Generated,
  Index,
  PrimaryColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { TemplateParams } from './templates.js';

export type DeliveryStatus = 'QUEUED' | 'SENT' | 'FAILED' | 'SKIPPED';

/**
 * One message to one resident on one channel, or to a department's escalation mailbox about an
 * overdue case (docs/adr/0067). Holds no personal data: a resident's address is the id of the
 * contact point, read (and unsealed) only when sending; a mailbox is a department's; params are
 * case facts.
 */
@Entity('notification_delivery')
@Index('notification_delivery_case_idx', ['caseId', 'seq'])
@Index('notification_delivery_due_idx', ['nextAttemptAt'], { where: `status = 'QUEUED'` })
@Index('notification_delivery_queued_order_idx', ['caseId', 'citizenId', 'eventAt', 'seq'], {
  where: `status = 'QUEUED'`,
})
@Index('notification_delivery_failed_idx', ['updatedAt'], { where: `status = 'FAILED'` })
@Check('notification_delivery_status_check', `status IN ('QUEUED', 'SENT', 'FAILED', 'SKIPPED')`)
@Check('notification_delivery_channel_check', `channel IN ('EMAIL', 'SMS')`)
@Check('notification_delivery_recipient_check', '(citizen_id IS NULL) <> (mailbox IS NULL)')
@Index('notification_delivery_overdue_once', ['caseId'], {
  unique: true,
  where: `template = 'CASE_OVERDUE'`,
})
export class NotificationDeliveryEntity {
  @PrimaryColumn('uuid')
  id: string;

  /** Order of recording (several may be recorded in one transaction). */
  @Column('bigint')
  @Generated('increment')
  seq: string;

  @Column('uuid')
  caseId: string;

  /**
   * When what it tells of happened (its event's `occurredAt`): a case's messages to one resident
   * go out in this order, whichever consumer recorded them first (docs/adr/0083).
   */
  @Column('timestamptz')
  eventAt: Date;

  /** The resident told; null for a message to a department's mailbox. */
  @Column('uuid', { nullable: true })
  citizenId: string | null;

  /** The department's escalation mailbox written to; null for a resident's message. */
  @Column('text', { nullable: true })
  mailbox: string | null;

  @Column('text')
  channel: string;

  @Column('text')
  template: string;

  @Column('text')
  language: string;

  @Column('jsonb')
  params: TemplateParams;

  @Column('uuid', { nullable: true })
  contactPointId: string | null;

  @Column('text')
  status: DeliveryStatus;

  @Column('int', { default: 0 })
  attempts: number;

  /** Why the last attempt failed or why it was skipped; addresses are masked out. */
  @Column('text', { nullable: true })
  lastError: string | null;

  @Column('timestamptz', { nullable: true })
  nextAttemptAt: Date | null;

  @Column('timestamptz', { nullable: true })
  sentAt: Date | null;

  /**
   * Being sent until then: claimed in a transaction committed before the message goes, cleared
   * when its outcome is recorded. Past it, a dispatcher that died while sending is presumed gone
   * and the delivery is due again (docs/adr/0093).
   */
  @Column('timestamptz', { nullable: true })
  claimedUntil: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
