import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentIdentity, Roles } from '@civitas/auth';
import { Role, type Identity } from '@civitas/contracts';
import { assertMayManageRulesOf, mayManageRulesOf } from '../rule-access.js';
import { RoutingRuleErrorCode, RoutingRuleException } from '../routing-rule.exception.js';
import { RoutingRuleRepository } from '../routing-rule.repository.js';
import { DeleteRoutingRuleUseCase } from '../use-cases/delete-routing-rule/delete-routing-rule.use-case.js';
import { SaveRoutingRuleUseCase } from '../use-cases/save-routing-rule/save-routing-rule.use-case.js';
import { MoveRoutingRuleUseCase } from '../use-cases/move-routing-rule/move-routing-rule.use-case.js';
import { MoveRoutingRuleInput, SaveRoutingRuleInput } from './routing-rule.input.js';
import { RoutingRuleObject, RoutingRuleVersionObject } from './routing-rule.object.js';

/**
 * Routing rules: admins manage all of them, supervisors those sending cases to their departments
 * (rule-access.ts). Nobody else sees them.
 */
@Resolver(() => RoutingRuleObject)
export class RoutingRulesResolver {
  constructor(
    private readonly rules: RoutingRuleRepository,
    private readonly saveRule: SaveRoutingRuleUseCase,
    private readonly deleteRule: DeleteRoutingRuleUseCase,
    private readonly moveRule: MoveRoutingRuleUseCase,
  ) {}

  @Roles(Role.Supervisor, Role.Admin)
  @Query(() => [RoutingRuleObject], {
    description:
      'Routing rules in evaluation order, disabled ones included: every rule for admins, those of their departments for supervisors.',
  })
  async routingRules(@CurrentIdentity() actor: Identity): Promise<RoutingRuleObject[]> {
    const rules = actor.roles.includes(Role.Admin)
      ? await this.rules.all()
      : await this.rules.forDepartments(actor.departments);
    return rules.map(RoutingRuleObject.from);
  }

  @Roles(Role.Supervisor, Role.Admin)
  @Query(() => [RoutingRuleVersionObject], {
    description:
      'Every version of a routing rule, oldest first, its deletion included (admins; supervisors of its department).',
  })
  async routingRuleHistory(
    @Args('id', { type: () => ID }) id: string,
    @CurrentIdentity() actor: Identity,
  ): Promise<RoutingRuleVersionObject[]> {
    const versions = await this.rules.history(id);
    const latest = versions.at(-1);
    if (!latest) {
      throw RoutingRuleException.aboutField(
        RoutingRuleErrorCode.RuleNotFound,
        'id',
        `names no routing rule (${id})`,
      );
    }
    // Whose rule it is now (or was when deleted): a rule moved away from a department leaves it.
    assertMayManageRulesOf(actor, latest.departmentCode, 'id');
    return versions.map(RoutingRuleVersionObject.from);
  }

  @Roles(Role.Supervisor, Role.Admin)
  @Mutation(() => RoutingRuleObject, {
    description:
      'Adds a routing rule (no id) or replaces one; applies to cases routed from now on, never to those already routed.',
  })
  async saveRoutingRule(
    @Args('input') input: SaveRoutingRuleInput,
    @CurrentIdentity() actor: Identity,
  ): Promise<RoutingRuleObject> {
    return RoutingRuleObject.from(await this.saveRule.execute(input, actor));
  }

  @Roles(Role.Supervisor, Role.Admin)
  @Mutation(() => Boolean, {
    description:
      'Deletes a routing rule (its history stays); cases it routed keep their department. True when deleted.',
  })
  async deleteRoutingRule(
    @Args('id', { type: () => ID }) id: string,
    @CurrentIdentity() actor: Identity,
  ): Promise<boolean> {
    await this.deleteRule.execute(id, actor);
    return true;
  }

  @Roles(Role.Supervisor, Role.Admin)
  @Mutation(() => [RoutingRuleObject], {
    description:
      'Moves a routing rule (admins; supervisors of its department) to a place in the evaluation order and renumbers all rules 0, 1, 2... in the new order, each renumbered rule getting a MOVED version. Answers the rules as routingRules lists them, in the new order. Applies to cases routed from now on.',
  })
  async moveRoutingRule(
    @Args('input') input: MoveRoutingRuleInput,
    @CurrentIdentity() actor: Identity,
  ): Promise<RoutingRuleObject[]> {
    const order = await this.moveRule.execute(input, actor);
    return order
      .filter((rule) => mayManageRulesOf(actor, rule.departmentCode))
      .map(RoutingRuleObject.from);
  }
}
