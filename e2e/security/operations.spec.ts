import { describe, expect, it } from '@jest/globals';
import {
  discoverOperations,
  loadSupergraph,
  minimalOperation,
  rootFields,
  type RootType,
} from './operations.js';

const operations = await discoverOperations();
const schema = loadSupergraph();
const ROOTS: RootType[] = ['Query', 'Mutation'];

/**
 * The authorization matrix of the attack suite is generated from the resolvers' metadata; these
 * checks make sure nothing the gateway serves escapes it.
 */
describe('the operations the authorization matrix covers', () => {
  it('finds every Query and Mutation field of the supergraph among the resolvers', () => {
    const served = new Set(operations.map((op) => `${op.type}.${op.name}`));
    const unserved = ROOTS.flatMap((type) =>
      rootFields(schema, type).map((field) => `${type}.${field.name}`),
    ).filter((name) => !served.has(name));
    expect(unserved).toEqual([]);
    expect(operations.length).toBeGreaterThan(40);
  });

  it('finds @Public() or @Roles(...) on every resolver of a root field', () => {
    expect(
      operations.filter((op) => op.access === undefined).map((op) => `${op.name} (${op.source})`),
    ).toEqual([]);
  });

  it('builds a document with every required argument for each root field', () => {
    const submit = schema.getMutationType()!.getFields().submitServiceRequest;
    expect(minimalOperation('Mutation', submit)).toEqual({
      query:
        'mutation Probe($input: SubmitServiceRequestInput!) { submitServiceRequest(input: $input) { __typename } }',
      variables: { input: { serviceCode: 'x' } },
    });
    const token = schema.getQueryType()!.getFields().requestToken;
    expect(minimalOperation('Query', token).query).toBe(
      'query Probe($token: String!) { requestToken(token: $token) { __typename } }',
    );
    const me = schema.getQueryType()!.getFields().requestMyData;
    expect(minimalOperation('Query', me)).toEqual({
      query: 'query Probe { requestMyData }',
      variables: {},
    });
  });
});
