import { describe, expect, it } from '@jest/globals';
import { composeSupergraph, CompositionError } from './compose-supergraph.js';

const LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])';

describe('composeSupergraph', () => {
  it('composes two subgraphs sharing an entity', () => {
    const supergraph = composeSupergraph([
      {
        name: 'cases',
        url: 'http://127.0.0.1:4002/graphql',
        sdl: `${LINK} type Query { case(id: ID!): Case } type Case @key(fields: "id") { id: ID! title: String! }`,
      },
      {
        name: 'routing',
        url: 'http://127.0.0.1:4004/graphql',
        sdl: `${LINK} type Case @key(fields: "id") { id: ID! queue: String }`,
      },
    ]);
    expect(supergraph).toContain(
      'CASES @join__graph(name: "cases", url: "http://127.0.0.1:4002/graphql")',
    );
    expect(supergraph).toMatch(/type Case[\s\S]*queue: String/);
  });

  it('reports every composition error', () => {
    const compose = () =>
      composeSupergraph([
        { name: 'a', url: 'http://a/graphql', sdl: `${LINK} type Query { x: Int }` },
        { name: 'b', url: 'http://b/graphql', sdl: `${LINK} type Query { x: String }` },
      ]);
    expect(compose).toThrow(CompositionError);
    expect(compose).toThrow(/Query\.x/);
  });

  it('names the subgraph whose SDL does not parse', () => {
    expect(() =>
      composeSupergraph([{ name: 'broken', url: 'http://x/graphql', sdl: 'type {' }]),
    ).toThrow(/broken: Syntax Error/);
  });
});
