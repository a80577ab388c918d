import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import type { ValidationRule } from 'graphql';
import { armorRule } from './armor-rule.js';
import { LimitCode } from './limit-code.js';

/**
 * Refuses operations with more than `maxDirectives` directives: `@include(if: true)` repeated
 * thousands of times on one field costs the server work per occurrence at almost no size.
 */
export function directiveLimitRule(maxDirectives: number): ValidationRule {
  return armorRule(maxDirectivesRule, maxDirectives, LimitCode.TooManyDirectives);
}
