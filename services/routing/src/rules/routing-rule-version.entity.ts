import type { Priority } from '@civitas/contracts';
import { Check, Column, Entity, PrimaryColumn } from 'typeorm';
import type { RuleConditions } from './routing-rule.entity.js';

export enum RoutingRuleChange {
  CREATED = 'CREATED',
  UPDATED = 'UPDATED',
  /** Only its position changed: it was moved, or another rule's move renumbered it. */
  MOVED = 'MOVED',
  DELETED = 'DELETED',
}

/**
 * One version of a routing rule, kept for good: who saved (or deleted) it, when, and the rule as
 * it was then. No foreign key to `routing_rule`: the history outlives a deleted rule.
 */
@Entity('routing_rule_version')
@Check('routing_rule_version_change_check', `change IN ('CREATED', 'UPDATED', 'MOVED', 'DELETED')`)
export class RoutingRuleVersionEntity {
  @PrimaryColumn('uuid')
  ruleId: string;

  @PrimaryColumn('integer')
  version: number;

  @Column('text')
  change: RoutingRuleChange;

  @Column('text')
  name: string;

  @Column('integer')
  position: number;

  @Column('boolean')
  enabled: boolean;

  @Column('jsonb')
  conditions: RuleConditions;

  @Column('text')
  departmentCode: string;

  @Column('text', { nullable: true })
  queueCode: string | null;

  @Column('text', { nullable: true })
  priority: Priority | null;

  @Column('integer', { nullable: true })
  slaHours: number | null;

  @Column('text', { nullable: true })
  changedBy: string | null;

  @Column('timestamptz')
  changedAt: Date;
}
