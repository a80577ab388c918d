import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import type { ValidationRule } from 'graphql';
import { armorRule } from './armor-rule.js';
import { LimitCode } from './limit-code.js';

/**
 * Refuses operations with more than `maxAliases` aliased fields (the cheap way to multiply work),
 * counted as executed: an alias inside a fragment counts at every spread of it.
 */
export function aliasLimitRule(maxAliases: number): ValidationRule {
  return armorRule(maxAliasesRule, maxAliases, LimitCode.TooManyAliases);
}
