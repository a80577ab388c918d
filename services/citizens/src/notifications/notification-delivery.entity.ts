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
 * One message to one resident on one channel. Holds no personal data: the address is the id of
 * the contact point, read (and unsealed) only when sending; params are case facts.
 */
@Entity('notification_delivery')
@Index('notification_delivery_case_idx', ['caseId', 'seq'])
@Index('notification_delivery_due_idx', ['nextAttemptAt'], { where: `status = 'QUEUED'` })
@Index('notification_delivery_failed_idx', ['updatedAt'], { where: `status = 'FAILED'` })
@Check('notification_delivery_status_check', `status IN ('QUEUED', 'SENT', 'FAILED', 'SKIPPED')`)
@Check('notification_delivery_channel_check', `channel IN ('EMAIL', 'SMS')`)
export class NotificationDeliveryEntity {
  @PrimaryColumn('uuid')
  id: string;

  /** Order of recording (several may be recorded in one transaction). */
  @Column('bigint')
  @Generated('increment')
  seq: string;

  @Column('uuid')
  caseId: string;

  @Column('uuid')
  citizenId: string;

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

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
