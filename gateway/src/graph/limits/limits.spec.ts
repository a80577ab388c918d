import { describe, expect, it } from '@jest/globals';
import {
  buildSchema,
  parse,
  specifiedRules,
  TypeInfo,
  validate,
  ValidationContext,
  visit,
  visitInParallel,
  visitWithTypeInfo,
  type GraphQLError,
  type ValidationRule,
} from 'graphql';
import { aliasLimitRule } from './alias-limit.rule.js';
import { depthLimitRule } from './depth-limit.rule.js';
import { directiveLimitRule } from './directive-limit.rule.js';
import { fragmentSpreadLimitRule } from './fragment-spread-limit.rule.js';
import { repeatedFieldLimitRule } from './repeated-field-limit.rule.js';

const schema = buildSchema(`
  type Query { node: Node }
  type Node { id: ID! child: Node }
`);

function nested(levels: number): string {
  let body = 'id';
  for (let i = 0; i < levels - 1; i++) {
    body = `child { ${body} }`;
  }
  return `{ node { ${body} } }`;
}

const errorsFor = (query: string, rules: ValidationRule[]) =>
  validate(schema, parse(query), rules).map((e) => e.message);

const codesFor = (query: string, rules: ValidationRule[]) =>
  validate(schema, parse(query), rules).map((e) => e.extensions.code);

/** `query Q { ...F0 } fragment Fi on Query { ...Fi+1 ... on Query { ...Fi+1 } }`: 2^n spreads. */
function exponentialFragments(n: number): string {
  const fragments = Array.from(
    { length: n },
    (_, i) => `fragment F${i} on Query { ...F${i + 1} ... on Query { ...F${i + 1} } }`,
  );
  return `query Q { ...F0 } ${fragments.join(' ')} fragment F${n} on Query { node { id } }`;
}

/** Runs one rule the way `validate` does, counting how often it looks a fragment up. */
function fragmentLookups(query: string, rule: ValidationRule) {
  const document = parse(query);
  const typeInfo = new TypeInfo(schema);
  const errors: GraphQLError[] = [];
  const context = new ValidationContext(schema, document, typeInfo, (e) => errors.push(e));
  const lookups = new Map<string, number>();
  const getFragment = context.getFragment.bind(context);
  context.getFragment = (name) => {
    lookups.set(name, (lookups.get(name) ?? 0) + 1);
    return getFragment(name);
  };
  visit(document, visitWithTypeInfo(typeInfo, visitInParallel([rule(context)])));
  return { lookups, errors: errors.map((e) => e.message) };
}

describe('depthLimitRule', () => {
  it('allows an operation exactly at the limit', () => {
    // node + 3 levels of child + id = depth 5
    expect(errorsFor(nested(4), [depthLimitRule(5)])).toEqual([]);
  });

  it('refuses an operation one level deeper', () => {
    expect(errorsFor(nested(5), [depthLimitRule(5)])).toEqual([
      'Operation is 6 levels deep; the limit is 5',
    ]);
  });

  it('follows fragments and inline fragments', () => {
    const query = `
      query Deep { node { ...A } }
      fragment A on Node { child { ... on Node { child { ...B } } } }
      fragment B on Node { child { id } }
    `;
    expect(errorsFor(query, [depthLimitRule(4)])).toEqual([
      'Operation "Deep" is 5 levels deep; the limit is 4',
    ]);
    expect(errorsFor(query, [depthLimitRule(5)])).toEqual([]);
  });

  it('measures each fragment once, however often it is spread', () => {
    const { lookups, errors } = fragmentLookups(exponentialFragments(12), depthLimitRule(5));
    expect(errors).toEqual([]);
    expect(lookups.size).toBe(13);
    expect([...lookups.values()].every((count) => count === 1)).toBe(true);
  });

  it('still measures a fragment spread at different depths from its own root', () => {
    const query = `
      query Q { node { ...Leaf child { child { ...Leaf } } } }
      fragment Leaf on Node { child { child { id } } }
    `;
    // node > child > child > (Leaf: child > child > id) = 6
    expect(errorsFor(query, [depthLimitRule(5)])).toEqual([
      'Operation "Q" is 6 levels deep; the limit is 5',
    ]);
  });

  it('does not count introspection', () => {
    expect(
      errorsFor('{ __schema { types { fields { type { ofType { ofType { name } } } } } } }', [
        depthLimitRule(2),
      ]),
    ).toEqual([]);
  });
});

describe('aliasLimitRule', () => {
  it('counts aliases across the operation', () => {
    const query = '{ a: node { id } b: node { id } c: node { x: id } }';
    expect(errorsFor(query, [aliasLimitRule(4)])).toEqual([]);
    expect(codesFor(query, [aliasLimitRule(3)])).toEqual(['TOO_MANY_ALIASES']);
    expect(errorsFor(query, [aliasLimitRule(3)])[0]).toContain('found 4');
  });

  it('counts an aliased fragment at each spread', () => {
    const query = '{ node { ...A child { ...A } } } fragment A on Node { x: id y: id }';
    expect(codesFor(query, [aliasLimitRule(3)])).toEqual(['TOO_MANY_ALIASES']);
    expect(codesFor(query, [aliasLimitRule(4)])).toEqual([]);
  });

  it('reports instead of throwing, so the caller gets a 400 and not a 500', () => {
    const query = `{ ${Array.from({ length: 40 }, (_, i) => `a${i}: node { id }`).join(' ')} }`;
    expect(() => validate(schema, parse(query), [aliasLimitRule(3)])).not.toThrow();
  });
});

describe('directiveLimitRule', () => {
  it('refuses more directives than the limit, counting fragments at each spread', () => {
    const inline = `{ node { id ${'@include(if: true) '.repeat(3)} } }`;
    expect(codesFor(inline, [directiveLimitRule(3)])).toEqual([]);
    expect(codesFor(inline, [directiveLimitRule(2)])).toEqual(['TOO_MANY_DIRECTIVES']);
    const spread =
      '{ node { ...A child { ...A } } } fragment A on Node { id @skip(if: false) @include(if: true) }';
    expect(codesFor(spread, [directiveLimitRule(3)])).toEqual(['TOO_MANY_DIRECTIVES']);
  });
});

describe('fragmentSpreadLimitRule', () => {
  it('refuses a document with more spreads than the limit', () => {
    const query = exponentialFragments(3);
    // 1 + 2 per fragment
    expect(codesFor(query, [fragmentSpreadLimitRule(7)])).toEqual([]);
    expect(errorsFor(query, [fragmentSpreadLimitRule(6)])).toEqual([
      'The document has 7 fragment spreads; the limit is 6',
    ]);
  });
});

describe('repeatedFieldLimitRule', () => {
  it('counts one response name through inline fragments and fragment spreads', () => {
    const query =
      '{ node { id } ... on Query { node { id } } ...A } fragment A on Query { node { id } }';
    expect(codesFor(query, [repeatedFieldLimitRule(3)])).toEqual([]);
    expect(errorsFor(query, [repeatedFieldLimitRule(2)])).toEqual([
      '"node" is selected 3 times in one selection set; the limit is 2',
      'Validation aborted.',
    ]);
    expect(codesFor('{ node { x: id x: id x: id } }', [repeatedFieldLimitRule(2)])[0]).toBe(
      'FIELD_REPEATED_TOO_OFTEN',
    );
  });

  it("stops validation before graphql-js's pairwise field merging runs", () => {
    // The two `x` cannot merge: OverlappingFieldsCanBeMerged would say so if it ran.
    const query = `{ ${'node { id } '.repeat(4)} node { x: id x: child { id } } }`;
    const rules = [...specifiedRules, repeatedFieldLimitRule(3)];
    expect(validate(schema, parse(query), specifiedRules).map((e) => e.message)).toEqual([
      expect.stringContaining('"x" conflict'),
    ]);
    expect(
      validate(schema, parse(query), rules).map((e) => e.extensions.code ?? e.message),
    ).toEqual(['FIELD_REPEATED_TOO_OFTEN', 'Validation aborted.']);
  });
});

describe('the exponential fragment document', () => {
  it('is refused without expanding it, with the rules the gateway runs', () => {
    const errors = validate(schema, parse(exponentialFragments(30)), [
      ...specifiedRules,
      repeatedFieldLimitRule(30),
      depthLimitRule(12),
      aliasLimitRule(30),
      directiveLimitRule(50),
      fragmentSpreadLimitRule(50),
    ]);
    expect(errors.map((e) => e.message)).toEqual([
      '"node" is selected more than 300 times in one selection set; the limit is 30',
      'Validation aborted.',
    ]);
  });
});
