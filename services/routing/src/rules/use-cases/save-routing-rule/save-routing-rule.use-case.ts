import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import type { Identity } from '@civitas/contracts';
import { AdminChangeRecorder, fieldChanges } from '@civitas/messaging';
import { DataSource } from 'typeorm';
import { assertMayManageRulesOf } from '../../rule-access.js';
import { RuleCheck, type RuleStatement } from '../../rule-check.js';
import type { RoutingRuleEntity } from '../../routing-rule.entity.js';
import { RoutingRuleErrorCode, RoutingRuleException } from '../../routing-rule.exception.js';
import { RoutingRuleRepository } from '../../routing-rule.repository.js';

export interface SaveRoutingRuleCommand extends RuleStatement {
  /** Omitted: a new rule. */
  id?: string | null;
  /** Omitted: after the last rule for a new one, unchanged for an existing one. */
  position?: number | null;
  /** Omitted: true for a new rule, unchanged for an existing one. */
  enabled?: boolean | null;
}

/**
 * Admins, and supervisors for their departments, add a routing rule or replace one. Every save is
 * a new version in the rule's history. Cases already routed keep their decision: rules apply to
 * cases routed after the save commits (docs/adr/0055).
 */
@Injectable()
export class SaveRoutingRuleUseCase {
  private readonly logger = new Logger(SaveRoutingRuleUseCase.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly rules: RoutingRuleRepository,
    private readonly ruleCheck: RuleCheck,
    private readonly adminChanges: AdminChangeRecorder,
  ) {}

  async execute(command: SaveRoutingRuleCommand, actor: Identity): Promise<RoutingRuleEntity> {
    // What the rule says is checked first, then whether the caller may say it: every name a rule
    // holds is public catalog data, and a supervisor's role-level access (the attack suite's
    // matrix) is then refused only for a rule that could be saved.
    const fields = await this.ruleCheck.check(command);
    assertMayManageRulesOf(actor, fields.departmentCode, 'then.departmentCode');
    const at = new Date();
    const saved = await this.dataSource.transaction(async (m) => {
      if (!command.id) {
        const created = await this.rules.create(
          m,
          {
            ...fields,
            id: randomUUID(),
            position: command.position ?? (await this.rules.nextPosition(m)),
            enabled: command.enabled ?? true,
          },
          actor.sub,
          at,
        );
        await this.adminChanges.record(m, {
          kind: 'ROUTING_RULE',
          entityId: created.id,
          action: 'CREATED',
          changes: fieldChanges(null, created, { fields: RULE_AUDITED_FIELDS }),
        });
        return created;
      }
      const before = await this.rules.lockedById(m, command.id);
      if (!before) {
        throw RoutingRuleException.aboutField(
          RoutingRuleErrorCode.RuleNotFound,
          'id',
          `names no routing rule (${command.id}); omit it to create one`,
        );
      }
      assertMayManageRulesOf(actor, before.departmentCode, 'id');
      const after = await this.rules.update(
        m,
        before,
        {
          ...fields,
          id: before.id,
          position: command.position ?? before.position,
          enabled: command.enabled ?? before.enabled,
        },
        actor.sub,
        at,
      );
      await this.adminChanges.record(m, {
        kind: 'ROUTING_RULE',
        entityId: after.id,
        action: 'UPDATED',
        changes: fieldChanges(before, after, { fields: RULE_AUDITED_FIELDS }),
      });
      return after;
    });
    this.adminChanges.committed();
    this.logger.log({
      msg: 'routing rule saved',
      ruleId: saved.id,
      version: saved.version,
      department: saved.departmentCode,
      by: actor.sub,
    });
    return saved;
  }
}

/** What a rule says, as the admin change log shows it (docs/adr/0092). */
export const RULE_AUDITED_FIELDS = [
  'name',
  'position',
  'enabled',
  'conditions',
  'departmentCode',
  'queueCode',
  'priority',
  'slaHours',
] as const;
