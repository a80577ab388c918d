import { Priority } from '@civitas/contracts';
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

  @Column('integer')
  targetHours: number;

  @Column('timestamptz')
  openedAt: Date;

  @Column('timestamptz')
  dueAt: Date;

  @Column('timestamptz')
  routedAt: Date;

  /** The district holding the case's coordinates when it was routed; null without either. */
  @Column('text', { nullable: true })
  districtCode: string | null;
}
