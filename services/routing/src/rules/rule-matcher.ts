import { normaliseForMatching, type Channel, type Priority } from '@civitas/contracts';
import {
  hasAnyKeyword,
  keywordNeedles,
  matchableText,
  type MatchableText,
} from '../catalog/index.js';
import type { RuleConditions, RuleOutcome } from './routing-rule.entity.js';

/** What a rule is matched against: a case as routing sees it when it arrives. */
export interface RoutingFacts {
  /** The service the case is routed as (the fallback service when its own is not in the catalog). */
  serviceCode: string;
  districtCode: string | null;
  channel: Channel;
  description?: string | null;
  emergency: boolean;
  attributes?: Record<string, string | string[]> | null;
}

/** A rule as evaluation needs it. */
export interface RuleDraft {
  id: string;
  name: string;
  position: number;
  enabled: boolean;
  conditions: RuleConditions;
  departmentCode: string;
  queueCode: string | null;
  priority: Priority | null;
  slaHours: number | null;
}

/** The rule that applied to a case: what it decides, and how to name it. */
export interface RuleMatch extends RuleOutcome {
  ruleId: string;
  ruleName: string;
}

type Test = (facts: RoutingFacts, text: () => MatchableText) => boolean;

interface CompiledRule {
  match: RuleMatch;
  tests: Test[];
}

/**
 * The enabled rules in evaluation order, each compiled once (lists as sets, keywords normalised),
 * so a decision over hundreds of rules costs microseconds (bench/routing-rules).
 */
export class RuleSet {
  static readonly EMPTY = new RuleSet([]);

  private readonly rules: readonly RuleDraft[];
  private readonly compiled: CompiledRule[];

  /** `rules` in any order: they are sorted by position, ties kept in the order given. */
  constructor(rules: readonly RuleDraft[]) {
    this.rules = rules
      .map((rule, index) => ({ rule, index }))
      .filter(({ rule }) => rule.enabled)
      .sort((a, b) => a.rule.position - b.rule.position || a.index - b.index)
      .map(({ rule }) => rule);
    this.compiled = this.rules.map(compile);
  }

  /** These rules with `draft` in place of the rule of its id, or added (a preview's rule set). */
  with(draft: RuleDraft): RuleSet {
    return new RuleSet([...this.rules.filter((rule) => rule.id !== draft.id), draft]);
  }

  get size(): number {
    return this.compiled.length;
  }

  /** The first rule whose every condition holds for `facts`; null when none does. */
  firstMatch(facts: RoutingFacts): RuleMatch | null {
    let normalised: MatchableText | undefined;
    const text = (): MatchableText => (normalised ??= matchableText(facts.description ?? ''));
    for (const rule of this.compiled) {
      if (rule.tests.every((test) => test(facts, text))) {
        return rule.match;
      }
    }
    return null;
  }
}

/** True when `conditions` says nothing: such a rule would match every case, and is refused. */
export function isEmptyConditions(conditions: RuleConditions): boolean {
  return (
    conditions.serviceCodes.length === 0 &&
    conditions.districtCodes.length === 0 &&
    conditions.channels.length === 0 &&
    conditions.keywords.length === 0 &&
    conditions.emergency === null &&
    conditions.attribute === null
  );
}

function compile(rule: RuleDraft): CompiledRule {
  const c = rule.conditions;
  const tests: Test[] = [];
  if (c.serviceCodes.length > 0) {
    const codes = new Set(c.serviceCodes);
    tests.push((f) => codes.has(f.serviceCode));
  }
  if (c.districtCodes.length > 0) {
    const codes = new Set(c.districtCodes);
    tests.push((f) => f.districtCode !== null && codes.has(f.districtCode));
  }
  if (c.channels.length > 0) {
    const channels = new Set<string>(c.channels);
    tests.push((f) => channels.has(f.channel));
  }
  if (c.emergency !== null) {
    const emergency = c.emergency;
    tests.push((f) => f.emergency === emergency);
  }
  if (c.attribute !== null) {
    const code = c.attribute.code;
    const equals = normaliseForMatching(c.attribute.equals);
    tests.push((f) => {
      const given = f.attributes?.[code];
      const values = given === undefined ? [] : Array.isArray(given) ? given : [given];
      return values.some((v) => normaliseForMatching(v) === equals);
    });
  }
  // Last: the only test that reads the description.
  if (c.keywords.length > 0) {
    const needles = keywordNeedles(c.keywords);
    tests.push((_f, text) => hasAnyKeyword(text(), needles));
  }
  return {
    match: {
      ruleId: rule.id,
      ruleName: rule.name,
      departmentCode: rule.departmentCode,
      queueCode: rule.queueCode,
      priority: rule.priority,
      slaHours: rule.slaHours,
    },
    tests,
  };
}
