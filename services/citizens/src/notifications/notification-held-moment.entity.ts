import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import type { TemplateParams } from './templates.js';

/**
 * Something that happened to a case whose `case-opened` has not reached us yet (routing and status
 * events come on other streams and may overtake it). Released, in order, when it arrives.
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

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
