import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role, TOKEN_ROLES } from '@civitas/contracts';
import { startE2ePlatform, type E2ePlatform } from '../platform.js';
import {
  discoverOperations,
  loadSupergraph,
  minimalOperation,
  rootFields,
  type OperationMetadata,
  type RootType,
} from './operations.js';
import { bearer, graphqlCodes, graphqlRequest, send, type RawResponse } from './raw-http.js';

/** Each caller of the matrix: anonymous, then one token per role a token may carry. */
type Caller = 'anonymous' | Role;
const CALLERS: readonly Caller[] = ['anonymous', ...TOKEN_ROLES];
/** Department-scoped roles get a department, as real staff tokens do. */
const DEPARTMENT_ROLES: readonly Role[] = [Role.Caseworker, Role.Supervisor];
const AUTH_CODES = ['UNAUTHENTICATED', 'FORBIDDEN'];
/** Refusals of the document itself: the probe never reached a resolver, so it proved nothing. */
const DOCUMENT_CODES = ['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED'];

const schema = loadSupergraph();
const discovered = await discoverOperations();
const operations = (['Query', 'Mutation'] as RootType[]).flatMap((type) =>
  rootFields(schema, type).map((field) => {
    const metadata = discovered.find((op) => op.type === type && op.name === field.name);
    return { type, field, metadata, name: `${type}.${field.name}` };
  }),
);

function allowed(metadata: OperationMetadata, caller: Caller): boolean {
  const access = metadata.access!;
  if (access.kind === 'public') {
    return true;
  }
  return caller !== 'anonymous' && access.roles.includes(caller);
}

/**
 * The attack suite (issue 9, docs/adr/0048): the platform as separate processes, probed through
 * the gateway the way the review probed it. Runs in CI with every other e2e spec.
 */
describe('the attack suite', () => {
  let e2e: E2ePlatform;
  let base: string;
  const tokens = new Map<Caller, string | undefined>();

  beforeAll(async () => {
    e2e = await startE2ePlatform({}, { logLevel: 'debug' });
    base = e2e.platform.baseUrl('gateway');
    tokens.set('anonymous', undefined);
    for (const role of TOKEN_ROLES) {
      tokens.set(
        role,
        await e2e.token(role, {
          sub: `attack-${role}`,
          departments: DEPARTMENT_ROLES.includes(role) ? ['streets'] : [],
        }),
      );
    }
  });

  afterAll(async () => {
    await e2e?.dispose();
  });

  describe('authorization matrix: each operation x each caller, allowed exactly as its metadata says', () => {
    it.each(operations.map((op) => [op.name, op] as const))('%s', async (_name, op) => {
      // The unit spec beside this file names a resolver without metadata; here it only fails.
      expect(op.metadata?.access).toBeDefined();
      const { query, variables } = minimalOperation(op.type, op.field);
      const answers = await Promise.all(
        CALLERS.map(async (caller) => {
          const res = await send(
            base,
            graphqlRequest(`${op.name} as ${caller}`, query, variables, bearer(tokens.get(caller))),
          );
          return { caller, res };
        }),
      );
      const verdicts = answers.map(({ caller, res }) => ({
        caller,
        ...verdict(res),
        expected: allowed(op.metadata!, caller) ? 'allowed' : refusalFor(caller),
      }));
      const wrong = verdicts.filter((v) => v.outcome !== v.expected || v.status >= 500);
      expect(wrong).toEqual([]);
    });
  });
});

function refusalFor(caller: Caller): string {
  return caller === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN';
}

/** What one answer amounts to: an auth refusal (its code), or allowed (anything else). */
function verdict(res: RawResponse): { status: number; outcome: string; codes: string[] } {
  const codes = graphqlCodes(res);
  const auth = codes.filter((c) => AUTH_CODES.includes(c));
  const broken = codes.filter((c) => DOCUMENT_CODES.includes(c));
  const outcome = broken.length
    ? `document refused: ${res.text.slice(0, 300)}`
    : auth.length
      ? [...new Set(auth)].join(',')
      : 'allowed';
  return { status: res.status, outcome, codes };
}
