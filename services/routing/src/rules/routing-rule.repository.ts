import { Injectable } from '@nestjs/common';
import { TransactionalRepository, type Transaction } from '@civitas/messaging';
import { isUUID } from 'class-validator';
import { DataSource, In, type EntityManager } from 'typeorm';
import { RoutingRuleEntity } from './routing-rule.entity.js';
import { RoutingRuleChange, RoutingRuleVersionEntity } from './routing-rule-version.entity.js';

/** The rule's fields a save sets; the repository keeps the version, history and timestamps. */
export type RuleFields = Pick<
  RoutingRuleEntity,
  | 'id'
  | 'name'
  | 'position'
  | 'enabled'
  | 'conditions'
  | 'departmentCode'
  | 'queueCode'
  | 'priority'
  | 'slaHours'
>;

/**
 * The one writer of routing rules and their history (docs/adr/0027): every save and delete
 * appends a version, in the same transaction, so the history is complete by construction.
 */
@Injectable()
export class RoutingRuleRepository extends TransactionalRepository {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  /** Every rule, enabled or not, in evaluation order. */
  all(manager: EntityManager = this.dataSource.manager): Promise<RoutingRuleEntity[]> {
    return manager
      .getRepository(RoutingRuleEntity)
      .find({ order: { position: 'ASC', createdAt: 'ASC', id: 'ASC' } });
  }

  /** The rules targeting these departments, in evaluation order. */
  async forDepartments(codes: readonly string[]): Promise<RoutingRuleEntity[]> {
    if (codes.length === 0) {
      return [];
    }
    return this.dataSource.getRepository(RoutingRuleEntity).find({
      where: { departmentCode: In([...codes]) },
      order: { position: 'ASC', createdAt: 'ASC', id: 'ASC' },
    });
  }

  /** The enabled rules, in evaluation order; in `tx` when routing reads them. */
  enabled(tx?: Transaction): Promise<RoutingRuleEntity[]> {
    const manager = tx ? this.managerOf(tx) : this.dataSource.manager;
    return manager.getRepository(RoutingRuleEntity).find({
      where: { enabled: true },
      order: { position: 'ASC', createdAt: 'ASC', id: 'ASC' },
    });
  }

  /**
   * A number that grows with every save and delete that has committed: versions are only ever
   * appended, so their count does (a sequence would not: its values commit out of order).
   */
  async revision(tx?: Transaction): Promise<number> {
    const manager = tx ? this.managerOf(tx) : this.dataSource.manager;
    const [row] = (await manager.query('SELECT count(*)::int AS n FROM routing_rule_version')) as {
      n: number;
    }[];
    return row.n;
  }

  /** The rule, locked against concurrent saves until the transaction ends. */
  async lockedById(manager: EntityManager, id: string): Promise<RoutingRuleEntity | null> {
    if (!isUUID(id)) {
      return null;
    }
    return manager
      .getRepository(RoutingRuleEntity)
      .findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async byId(id: string): Promise<RoutingRuleEntity | null> {
    if (!isUUID(id)) {
      return null;
    }
    return this.dataSource.getRepository(RoutingRuleEntity).findOneBy({ id });
  }

  /**
   * Every rule in evaluation order, with the table locked against other writes until the
   * transaction ends: a reorder reads the whole order and renumbers it, so no save, delete or other
   * move may change the order in between. Routing's reads are not blocked.
   */
  async lockedInOrder(manager: EntityManager): Promise<RoutingRuleEntity[]> {
    await manager.query('LOCK TABLE routing_rule IN EXCLUSIVE MODE');
    return this.all(manager);
  }

  /** Gives the rule a new position, as a new version of it (MOVED) saying who and when. */
  async move(
    manager: EntityManager,
    before: RoutingRuleEntity,
    position: number,
    by: string | null,
    at: Date,
  ): Promise<RoutingRuleEntity> {
    const patch = { position, version: before.version + 1, updatedBy: by, updatedAt: at };
    await manager.update(RoutingRuleEntity, { id: before.id }, patch);
    const after = { ...before, ...patch };
    await this.appendVersion(manager, after, RoutingRuleChange.MOVED);
    return after;
  }

  /** One past the last position in use (0 with no rule): where a rule without one goes. */
  async nextPosition(manager: EntityManager): Promise<number> {
    const [row] = (await manager.query(
      'SELECT coalesce(max(position) + 1, 0)::int AS next FROM routing_rule',
    )) as { next: number }[];
    return row.next;
  }

  async create(
    manager: EntityManager,
    fields: RuleFields,
    by: string | null,
    at: Date,
  ): Promise<RoutingRuleEntity> {
    const rule = manager.create(RoutingRuleEntity, {
      ...fields,
      version: 1,
      updatedBy: by,
      updatedAt: at,
    });
    await manager.insert(RoutingRuleEntity, rule);
    await this.appendVersion(manager, rule, RoutingRuleChange.CREATED);
    return (await manager.findOneBy(RoutingRuleEntity, { id: fields.id }))!;
  }

  async update(
    manager: EntityManager,
    before: RoutingRuleEntity,
    fields: RuleFields,
    by: string | null,
    at: Date,
  ): Promise<RoutingRuleEntity> {
    const patch = { ...fields, version: before.version + 1, updatedBy: by, updatedAt: at };
    await manager.update(RoutingRuleEntity, { id: before.id }, patch);
    const after = (await manager.findOneBy(RoutingRuleEntity, { id: before.id }))!;
    await this.appendVersion(manager, after, RoutingRuleChange.UPDATED);
    return after;
  }

  /** Deletes the rule; its history keeps it, with a last version saying who deleted it and when. */
  async delete(
    manager: EntityManager,
    rule: RoutingRuleEntity,
    by: string | null,
    at: Date,
  ): Promise<void> {
    await manager.delete(RoutingRuleEntity, { id: rule.id });
    await this.appendVersion(
      manager,
      { ...rule, version: rule.version + 1, updatedBy: by, updatedAt: at },
      RoutingRuleChange.DELETED,
    );
  }

  /** Every version of the rule, oldest first; empty when it never existed. */
  async history(ruleId: string): Promise<RoutingRuleVersionEntity[]> {
    if (!isUUID(ruleId)) {
      return [];
    }
    return this.dataSource
      .getRepository(RoutingRuleVersionEntity)
      .find({ where: { ruleId }, order: { version: 'ASC' } });
  }

  private async appendVersion(
    manager: EntityManager,
    rule: RoutingRuleEntity,
    change: RoutingRuleChange,
  ): Promise<void> {
    await manager.insert(RoutingRuleVersionEntity, {
      ruleId: rule.id,
      version: rule.version,
      change,
      name: rule.name,
      position: rule.position,
      enabled: rule.enabled,
      conditions: rule.conditions,
      departmentCode: rule.departmentCode,
      queueCode: rule.queueCode,
      priority: rule.priority,
      slaHours: rule.slaHours,
      changedBy: rule.updatedBy,
      changedAt: rule.updatedAt,
    });
  }
}
