// What the rest of routing may use of routing rules (docs/adr/0033); the rest is internal.
export { RulesModule } from './rules.module.js';
export { RuleBook, UNSAVED_RULE_ID } from './rule-book.js';
export { RuleCheck, type RuleStatement } from './rule-check.js';
export { RuleSet, type RoutingFacts, type RuleMatch, type RuleDraft } from './rule-matcher.js';
export { RoutingRuleEntity } from './routing-rule.entity.js';
export { RoutingRuleVersionEntity } from './routing-rule-version.entity.js';
export { SaveRoutingRuleInput } from './graphql/routing-rule.input.js';
