import { describe, expect, it } from '@jest/globals';
import { buildSchema, parse, validate } from 'graphql';
import { aliasLimitRule } from './alias-limit.rule.js';
import { depthLimitRule } from './depth-limit.rule.js';

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

const errorsFor = (query: string, rules: ReturnType<typeof depthLimitRule>[]) =>
  validate(schema, parse(query), rules).map((e) => e.message);

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

  it('does not count introspection', () => {
    expect(
      errorsFor('{ __schema { types { fields { type { ofType { ofType { name } } } } } } }', [
        depthLimitRule(2),
      ]),
    ).toEqual([]);
  });
});

describe('aliasLimitRule', () => {
  it('counts aliases across the document', () => {
    const query = '{ a: node { id } b: node { id } c: node { x: id } }';
    expect(errorsFor(query, [aliasLimitRule(4)])).toEqual([]);
    expect(errorsFor(query, [aliasLimitRule(3)])).toEqual([
      'Operation uses 4 aliases; the limit is 3',
    ]);
  });
});
