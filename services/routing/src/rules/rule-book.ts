import { Injectable, Logger } from '@nestjs/common';
import type { Transaction } from '@civitas/messaging';
import type { CheckedRule } from './rule-check.js';
import { RoutingRuleErrorCode, RoutingRuleException } from './routing-rule.exception.js';
import { RoutingRuleRepository } from './routing-rule.repository.js';
import { RuleSet } from './rule-matcher.js';

/** A rule not saved (yet): checked, with the place it would take. */
export interface UnsavedRule extends CheckedRule {
  /** The saved rule it would replace; omitted: a new rule. */
  id?: string | null;
  /** Omitted: the replaced rule's, or after every rule. */
  position?: number | null;
  /** Omitted: the replaced rule's, or true. */
  enabled?: boolean | null;
}

/** The id a new rule goes by in a preview; never a saved rule's (those are UUIDs). */
export const UNSAVED_RULE_ID = 'unsaved';

/**
 * The enabled rules, compiled, kept in memory while they do not change. Each batch of cases asks
 * the database one cheap question (the rules' revision, in the batch's transaction) and reloads
 * only when a save or delete has committed since, on this replica or another: a case is never
 * routed by rules older than those committed before its transaction began reading them.
 */
@Injectable()
export class RuleBook {
  private readonly logger = new Logger(RuleBook.name);
  private loaded: { revision: number; rules: RuleSet } | null = null;

  constructor(private readonly repository: RoutingRuleRepository) {}

  async current(tx?: Transaction): Promise<RuleSet> {
    const revision = await this.repository.revision(tx);
    if (this.loaded?.revision === revision) {
      return this.loaded.rules;
    }
    // Read after the revision: a save committing in between makes the next batch reload again.
    const rules = new RuleSet(await this.repository.enabled(tx));
    if (!this.loaded || revision > this.loaded.revision) {
      this.loaded = { revision, rules };
    }
    this.logger.debug({ msg: 'routing rules loaded', revision, enabled: rules.size });
    return rules;
  }

  /**
   * The current rules as they would be if `rule` were saved (`field`: where the rule stands in the
   * caller's input, for errors): for previewing a rule before saving it.
   */
  async withUnsaved(rule: UnsavedRule, field: string): Promise<RuleSet> {
    const replaced = rule.id ? await this.repository.byId(rule.id) : null;
    if (rule.id && !replaced) {
      throw RoutingRuleException.aboutField(
        RoutingRuleErrorCode.RuleNotFound,
        `${field}id`,
        `names no routing rule (${rule.id}); omit it to preview a new one`,
      );
    }
    return (await this.current()).with({
      ...rule,
      id: replaced?.id ?? UNSAVED_RULE_ID,
      position: rule.position ?? replaced?.position ?? Number.MAX_SAFE_INTEGER,
      enabled: rule.enabled ?? replaced?.enabled ?? true,
    });
  }
}
