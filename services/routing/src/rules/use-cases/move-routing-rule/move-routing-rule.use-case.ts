import { Injectable, Logger } from '@nestjs/common';
import type { Identity } from '@civitas/contracts';
import { AdminChangeRecorder, fieldChanges } from '@civitas/messaging';
import { DataSource } from 'typeorm';
import { assertMayManageRulesOf } from '../../rule-access.js';
import type { RoutingRuleEntity } from '../../routing-rule.entity.js';
import { RoutingRuleErrorCode, RoutingRuleException } from '../../routing-rule.exception.js';
import { RoutingRuleRepository } from '../../routing-rule.repository.js';

export interface MoveRoutingRuleCommand {
  id: string;
  /** The rule's place in the evaluation order of all rules, from 0 (tried first). */
  position: number;
}

/**
 * Moves a routing rule to a place in the evaluation order (docs/adr/0084). Saved positions may
 * have gaps and ties; a move renumbers every rule 0, 1, 2... in the new order, so the moved rule's
 * position afterwards is the one asked for and no two rules tie. Each rule whose position changes
 * gets a MOVED version (who, when); the others are left alone. All in one transaction.
 */
@Injectable()
export class MoveRoutingRuleUseCase {
  private readonly logger = new Logger(MoveRoutingRuleUseCase.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly rules: RoutingRuleRepository,
    private readonly adminChanges: AdminChangeRecorder,
  ) {}

  /** Answers every rule in the new evaluation order. */
  async execute(command: MoveRoutingRuleCommand, actor: Identity): Promise<RoutingRuleEntity[]> {
    const at = new Date();
    let renumbered = 0;
    const order = await this.dataSource.transaction(async (m) => {
      const rules = await this.rules.lockedInOrder(m);
      const from = rules.findIndex((r) => r.id === command.id);
      if (from < 0) {
        throw RoutingRuleException.aboutField(
          RoutingRuleErrorCode.RuleNotFound,
          'id',
          `names no routing rule (${command.id})`,
        );
      }
      assertMayManageRulesOf(actor, rules[from].departmentCode, 'id');
      if (command.position < 0 || command.position >= rules.length) {
        throw RoutingRuleException.aboutField(
          RoutingRuleErrorCode.PositionOutOfRange,
          'position',
          `must be between 0 and ${rules.length - 1} (there are ${rules.length} rules)`,
        );
      }
      const movedFrom = rules[from].position;
      const [moved] = rules.splice(from, 1);
      rules.splice(command.position, 0, moved);
      const result: RoutingRuleEntity[] = [];
      for (const [position, rule] of rules.entries()) {
        if (rule.position === position) {
          result.push(rule);
          continue;
        }
        result.push(await this.rules.move(m, rule, position, actor.sub, at));
        renumbered += 1;
      }
      // The others renumbered keep their order: the move is the change an admin made.
      await this.adminChanges.record(m, {
        kind: 'ROUTING_RULE',
        entityId: command.id,
        action: 'MOVED',
        changes: fieldChanges({ position: movedFrom }, { position: command.position }),
      });
      return result;
    });
    this.adminChanges.committed();
    this.logger.log({
      msg: 'routing rule moved',
      ruleId: command.id,
      position: command.position,
      renumbered,
      by: actor.sub,
    });
    return order;
  }
}
