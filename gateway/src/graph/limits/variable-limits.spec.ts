import { describe, expect, it } from '@jest/globals';
import { GatewayConfig } from '../../config/gateway.config.js';
import { LimitCode } from './limit-code.js';
import { variableLimitBreach, type VariableLimits } from './variable-limits.js';

const LIMITS: VariableLimits = {
  maxListItems: 10,
  maxDepth: 3,
  maxStringLength: 20,
  maxValues: 50,
};

describe('variableLimitBreach', () => {
  it('lets variables within every limit through', () => {
    const variables = {
      input: { codes: Array.from({ length: 10 }, (_, i) => `code-${i}`), note: 'x'.repeat(20) },
      n: 3,
      flag: null,
    };
    expect(variableLimitBreach(variables, LIMITS)).toBeUndefined();
    // Not a map of variables: left to Apollo, which refuses it itself.
    expect(variableLimitBreach(undefined, LIMITS)).toBeUndefined();
    expect(variableLimitBreach([1, 2, 3], LIMITS)).toBeUndefined();
  });

  it('names the variable and where in it a list is too long', () => {
    expect(variableLimitBreach({ ok: 1, input: { codes: Array(11).fill('x') } }, LIMITS)).toEqual({
      code: LimitCode.VariableListTooLong,
      variable: 'input',
      message: 'Variable "$input" has a list of 11 items at input.codes; the limit is 10',
    });
  });

  it('refuses lists and objects nested deeper than the limit, however deep they go', () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < 10_000; i++) {
      deep = { a: deep };
    }
    expect(variableLimitBreach({ v: deep }, LIMITS)).toEqual({
      code: LimitCode.VariableTooDeep,
      variable: 'v',
      message: 'Variable "$v" nests lists and objects more than 3 deep at v.a.a.a',
    });
    expect(variableLimitBreach({ v: [[['three deep']]] }, LIMITS)).toBeUndefined();
    expect(variableLimitBreach({ v: [[[['four']]]] }, LIMITS)?.code).toBe(
      LimitCode.VariableTooDeep,
    );
  });

  it('refuses a long string, a long field name and a long variable name', () => {
    expect(variableLimitBreach({ s: ['ok', 'y'.repeat(21)] }, LIMITS)).toEqual({
      code: LimitCode.VariableStringTooLong,
      variable: 's',
      message: 'Variable "$s" has a string of 21 characters at s[1]; the limit is 20',
    });
    expect(variableLimitBreach({ o: { ['k'.repeat(21)]: 1 } }, LIMITS)?.code).toBe(
      LimitCode.VariableStringTooLong,
    );
    const long = variableLimitBreach({ ['n'.repeat(500)]: 1 }, LIMITS);
    expect(long?.code).toBe(LimitCode.VariableStringTooLong);
    expect(long?.variable).toBe('n'.repeat(100));
  });

  it('counts values across all variables, lists and objects included', () => {
    // 5 lists of 9 numbers: 50 values; one more passes the limit.
    const variables = Object.fromEntries(
      Array.from({ length: 5 }, (_, i) => [`v${i}`, Array(9).fill(0)]),
    );
    expect(variableLimitBreach(variables, LIMITS)).toBeUndefined();
    expect(variableLimitBreach({ ...variables, extra: true }, LIMITS)).toEqual({
      code: LimitCode.TooManyVariableValues,
      variable: 'extra',
      message: 'The variables hold more than 50 values (the limit), passed at extra',
    });
  });

  it('lets the largest legitimate input through with the default limits', () => {
    // An import batch of 1,000 records with every field filled (MAX_LEGACY_BATCH in intake).
    const record = (i: number) => ({
      rowNumber: i,
      sourceId: `legacy-${i}`,
      serviceCode: 'pothole',
      category: 'Street defect',
      description: 'd'.repeat(4_000),
      openedAt: '2014-04-01T10:00:00Z',
      status: 'CLOSED',
      closedAt: '2014-04-02T10:00:00Z',
      agency: 'Roads',
      district: 'lower-manhattan',
      location: { latitude: 45.4, longitude: -75.7, address: '110 Laurier Ave W' },
    });
    const config = new GatewayConfig();
    const defaults: VariableLimits = {
      maxListItems: config.MAX_VARIABLE_LIST_ITEMS,
      maxDepth: config.MAX_VARIABLE_DEPTH,
      maxStringLength: config.MAX_VARIABLE_STRING_LENGTH,
      maxValues: config.MAX_VARIABLE_VALUES,
    };
    const input = {
      sourceSystem: 'ottawa311',
      records: Array.from({ length: 1000 }, (_, i) => record(i)),
    };
    expect(variableLimitBreach({ input }, defaults)).toBeUndefined();
  });
});
