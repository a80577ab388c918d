import { Priority, SlaClock } from '@civitas/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The routing decision for one case: who owns it, how urgent, by when. */
@Entity('case_routing')
export class CaseRoutingEntity {
  @PrimaryColumn('uuid')
  caseId: string;

  @Column('text')
  ticketNumber: string;

  @Column('text')
  serviceCode: string;

  @Column('text')
  departmentCode: string;

  @Column('text')
  queueCode: string;

  @Column('text')
  priority: Priority;

  /** The hours the case is held to, in `slaClock` (an emergency's capped ones). */
  @Column('integer')
  targetHours: number;

  @Column('text')
  slaClock: SlaClock;

  @Column('timestamptz')
  openedAt: Date;

  @Column('timestamptz')
  dueAt: Date;

  /** When AT_RISK_FRACTION of the target has gone by, in the same clock. */
  @Column('timestamptz')
  atRiskAt: Date;

  @Column('timestamptz')
  routedAt: Date;

  /** The district holding the case's coordinates when it was routed; null without either. */
  @Column('text', { nullable: true })
  districtCode: string | null;

  /** The routing rule that decided, as it was named then; null when the service's default did. */
  @Column('uuid', { nullable: true })
  ruleId: string | null;

  @Column('text', { nullable: true })
  ruleName: string | null;
}
