import { describe, expect, it } from '@jest/globals';
import { Channel, Priority } from '@civitas/contracts';
import type { RuleConditions } from './routing-rule.entity.js';
import { isEmptyConditions, RuleSet, type RoutingFacts, type RuleDraft } from './rule-matcher.js';

const NO_CONDITIONS: RuleConditions = {
  serviceCodes: [],
  districtCodes: [],
  channels: [],
  keywords: [],
  emergency: null,
  attribute: null,
};

let next = 0;
function rule(when: Partial<RuleConditions>, more: Partial<RuleDraft> = {}): RuleDraft {
  next += 1;
  return {
    id: `rule-${next}`,
    name: more.name ?? `rule ${next}`,
    position: next,
    enabled: true,
    conditions: { ...NO_CONDITIONS, ...when },
    departmentCode: 'parks',
    queueCode: null,
    priority: null,
    slaHours: null,
    ...more,
  };
}

const POTHOLE: RoutingFacts = {
  serviceCode: 'pothole',
  districtCode: 'lower-manhattan',
  channel: Channel.WEB,
  description: 'A deep pothole by the school gate',
  emergency: false,
  attributes: { lane: 'bus', hazards: ['glass', 'water'] },
};

const matchOf = (rules: RuleDraft[], facts: RoutingFacts = POTHOLE) =>
  new RuleSet(rules).firstMatch(facts)?.ruleName ?? null;

describe('RuleSet: which rule routes a case', () => {
  it('matches a list condition when the list holds the case’s value, and not otherwise', () => {
    expect(matchOf([rule({ serviceCodes: ['graffiti', 'pothole'] }, { name: 'yes' })])).toBe('yes');
    expect(matchOf([rule({ serviceCodes: ['graffiti'] })])).toBeNull();
    expect(matchOf([rule({ districtCodes: ['lower-manhattan'] }, { name: 'yes' })])).toBe('yes');
    expect(matchOf([rule({ districtCodes: ['brooklyn-waterfront'] })])).toBeNull();
    expect(matchOf([rule({ channels: [Channel.PHONE, Channel.WEB] }, { name: 'yes' })])).toBe(
      'yes',
    );
    expect(matchOf([rule({ channels: [Channel.PHONE] })])).toBeNull();
  });

  it('never matches a district condition for a case placed in no district', () => {
    const nowhere = { ...POTHOLE, districtCode: null };
    expect(matchOf([rule({ districtCodes: ['lower-manhattan'] })], nowhere)).toBeNull();
  });

  it('matches emergency true or false only against the same, and either when not set', () => {
    const urgent = { ...POTHOLE, emergency: true };
    expect(matchOf([rule({ emergency: true }, { name: 'e' })], urgent)).toBe('e');
    expect(matchOf([rule({ emergency: true })], POTHOLE)).toBeNull();
    expect(matchOf([rule({ emergency: false }, { name: 'n' })], POTHOLE)).toBe('n');
    expect(matchOf([rule({ emergency: false })], urgent)).toBeNull();
  });

  it('matches an attribute answer, any of a list’s answers, ignoring case and accents', () => {
    expect(matchOf([rule({ attribute: { code: 'lane', equals: 'BUS' } }, { name: 'a' })])).toBe(
      'a',
    );
    expect(
      matchOf([rule({ attribute: { code: 'hazards', equals: 'water' } }, { name: 'l' })]),
    ).toBe('l');
    expect(matchOf([rule({ attribute: { code: 'lane', equals: 'bike' } })])).toBeNull();
    expect(matchOf([rule({ attribute: { code: 'depth', equals: 'bus' } })])).toBeNull();
    expect(
      matchOf([rule({ attribute: { code: 'lane', equals: 'bus' } })], {
        ...POTHOLE,
        attributes: undefined,
      }),
    ).toBeNull();
  });

  it('matches English keywords in the description as whole words, any of them', () => {
    expect(matchOf([rule({ keywords: ['sinkhole', 'school'] }, { name: 'k' })])).toBe('k');
    expect(matchOf([rule({ keywords: ['school gate'] }, { name: 'phrase' })])).toBe('phrase');
    // "hole" is inside "pothole", not a word of the description.
    expect(matchOf([rule({ keywords: ['hole'] })])).toBeNull();
    expect(
      matchOf([rule({ keywords: ['school'] })], { ...POTHOLE, description: undefined }),
    ).toBeNull();
  });

  it('matches Spanish keywords whatever the accents and case on either side', () => {
    const bache = { ...POTHOLE, description: 'Hay un BACHÉ enorme frente a la escuela' };
    expect(matchOf([rule({ keywords: ['bache'] }, { name: 'es' })], bache)).toBe('es');
    const arbol = { ...POTHOLE, description: 'Un arbol caido bloquea la acera' };
    expect(matchOf([rule({ keywords: ['árbol caído'] }, { name: 'árbol' })], arbol)).toBe('árbol');
    expect(matchOf([rule({ keywords: ['farola'] })], bache)).toBeNull();
  });

  it('needs every condition of a rule to hold (AND)', () => {
    const both = rule({ serviceCodes: ['pothole'], keywords: ['school'] }, { name: 'both' });
    expect(matchOf([both])).toBe('both');
    expect(matchOf([rule({ serviceCodes: ['pothole'], keywords: ['hospital'] })])).toBeNull();
    expect(matchOf([rule({ serviceCodes: ['graffiti'], keywords: ['school'] })])).toBeNull();
    expect(
      matchOf([rule({ serviceCodes: ['pothole'], channels: [Channel.WEB], emergency: true })]),
    ).toBeNull();
  });

  it('tries rules by position, whatever order they are given in, and the first match wins', () => {
    const late = rule({ serviceCodes: ['pothole'] }, { name: 'late', position: 20 });
    const early = rule({ serviceCodes: ['pothole'] }, { name: 'early', position: 10 });
    const earliestButNoMatch = rule({ serviceCodes: ['graffiti'] }, { position: 0 });
    expect(matchOf([late, early, earliestButNoMatch])).toBe('early');
    const tieA = rule({ serviceCodes: ['pothole'] }, { name: 'a', position: 5 });
    const tieB = rule({ serviceCodes: ['pothole'] }, { name: 'b', position: 5 });
    expect(matchOf([tieA, tieB])).toBe('a');
  });

  it('skips disabled rules', () => {
    const off = rule({ serviceCodes: ['pothole'] }, { name: 'off', position: 1, enabled: false });
    const on = rule({ serviceCodes: ['pothole'] }, { name: 'on', position: 2 });
    expect(matchOf([off, on])).toBe('on');
    expect(matchOf([off])).toBeNull();
    expect(new RuleSet([off, on]).size).toBe(1);
  });

  it('answers what the matching rule decides', () => {
    const r = rule(
      { keywords: ['school'] },
      {
        departmentCode: 'streets',
        queueCode: 'streets.priority',
        priority: Priority.HIGH,
        slaHours: 8,
      },
    );
    expect(new RuleSet([r]).firstMatch(POTHOLE)).toEqual({
      ruleId: r.id,
      ruleName: r.name,
      departmentCode: 'streets',
      queueCode: 'streets.priority',
      priority: Priority.HIGH,
      slaHours: 8,
    });
  });

  it('calls conditions that say nothing empty', () => {
    expect(isEmptyConditions(NO_CONDITIONS)).toBe(true);
    expect(isEmptyConditions({ ...NO_CONDITIONS, emergency: false })).toBe(false);
    expect(isEmptyConditions({ ...NO_CONDITIONS, keywords: ['x'] })).toBe(false);
  });
});
