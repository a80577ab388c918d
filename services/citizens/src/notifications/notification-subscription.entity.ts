import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Who is told about a case: its reporter, from `case-opened`. No one (null) for anonymous reports
 * and erased reporters: the row then only says the case was seen.
 */
@Entity('notification_subscription')
@Index('notification_subscription_citizen_idx', ['citizenId'])
export class NotificationSubscriptionEntity {
  @PrimaryColumn('uuid')
  caseId: string;

  @Column('uuid', { nullable: true })
  citizenId: string | null;

  @Column('text')
  ticketNumber: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
