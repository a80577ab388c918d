import { Injectable, Logger } from '@nestjs/common';
import type { Identity } from '@civitas/contracts';
import { AdminChangeRecorder, fieldChanges } from '@civitas/messaging';
import { DataSource } from 'typeorm';
import { assertMayManageRulesOf } from '../../rule-access.js';
import { RoutingRuleErrorCode, RoutingRuleException } from '../../routing-rule.exception.js';
import { RoutingRuleRepository } from '../../routing-rule.repository.js';
import { RULE_AUDITED_FIELDS } from '../save-routing-rule/save-routing-rule.use-case.js';

/**
 * Deletes a routing rule: it routes no further case; its history stays, ending with who deleted it
 * and when; cases it routed keep their decision.
 */
@Injectable()
export class DeleteRoutingRuleUseCase {
  private readonly logger = new Logger(DeleteRoutingRuleUseCase.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly rules: RoutingRuleRepository,
    private readonly adminChanges: AdminChangeRecorder,
  ) {}

  async execute(id: string, actor: Identity): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const rule = await this.rules.lockedById(m, id);
      if (!rule) {
        throw RoutingRuleException.aboutField(
          RoutingRuleErrorCode.RuleNotFound,
          'id',
          `names no routing rule (${id})`,
        );
      }
      assertMayManageRulesOf(actor, rule.departmentCode, 'id');
      await this.rules.delete(m, rule, actor.sub, new Date());
      await this.adminChanges.record(m, {
        kind: 'ROUTING_RULE',
        entityId: rule.id,
        action: 'DELETED',
        changes: fieldChanges(rule, null, { fields: RULE_AUDITED_FIELDS }),
      });
    });
    this.adminChanges.committed();
    this.logger.log({ msg: 'routing rule deleted', ruleId: id, by: actor.sub });
  }
}
