import type { Channel, Priority } from '@civitas/contracts';
import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { DepartmentEntity, QueueEntity } from '../catalog/index.js';

/** What a case must be for a rule to apply; every condition given must hold (docs/adr/0055). */
export interface RuleConditions {
  serviceCodes: string[];
  districtCodes: string[];
  channels: Channel[];
  keywords: string[];
  /** Null: either. */
  emergency: boolean | null;
  /** Null: no attribute condition. */
  attribute: { code: string; equals: string } | null;
}

/** Where a matching case goes: the department always; the rest falls back to the service's. */
export interface RuleOutcome {
  departmentCode: string;
  queueCode: string | null;
  priority: Priority | null;
  slaHours: number | null;
}

/** A routing rule as it stands; its every version is in `routing_rule_version`. */
@Entity('routing_rule')
@Index('routing_rule_position_idx', ['position'])
@Check('routing_rule_sla_hours_check', 'sla_hours > 0')
export class RoutingRuleEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('text')
  name: string;

  /** Rules are tried in ascending position (then creation order); the first match wins. */
  @Column('integer')
  position: number;

  @Column('boolean', { default: true })
  enabled: boolean;

  @Column('jsonb')
  conditions: RuleConditions;

  @Column('text')
  @ForeignKey(() => DepartmentEntity, 'code', { name: 'routing_rule_department_code_fkey' })
  departmentCode: string;

  @Column('text', { nullable: true })
  @ForeignKey(() => QueueEntity, 'code', { name: 'routing_rule_queue_code_fkey' })
  queueCode: string | null;

  @Column('text', { nullable: true })
  priority: Priority | null;

  @Column('integer', { nullable: true })
  slaHours: number | null;

  /** 1 when created, one more at each save. */
  @Column('integer')
  version: number;

  /** The subject of whoever saved this version. */
  @Column('text', { nullable: true })
  updatedBy: string | null;

  @Column('timestamptz')
  updatedAt: Date;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
