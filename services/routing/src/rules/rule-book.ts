import { Injectable, Logger } from '@nestjs/common';
import type { Transaction } from '@civitas/messaging';
import { RoutingRuleRepository } from './routing-rule.repository.js';
import { RuleSet } from './rule-matcher.js';

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
}
