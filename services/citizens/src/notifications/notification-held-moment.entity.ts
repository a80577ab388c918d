import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import type { TemplateParams } from './templates.js';

/**
 * Something that happened to a case whose `case-opened` has not reached us yet (routing and status
 * events come on other streams and may overtake it). Released, in the order they happened, when it arrives.
 */
@Entity('notification_held_moment')
@Index('notification_held_moment_case_idx', ['caseId', 'createdAt'])
export class NotificationHeldMomentEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  caseId: string;

  @Column('text')
  template: string;

  @Column('jsonb')
  params: TemplateParams;

  /** When it happened (its event's `occurredAt`); released in this order. */
  @Column('timestamptz')
  eventAt: Date;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
