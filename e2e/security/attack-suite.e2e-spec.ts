import { randomBytes, randomInt } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role, TOKEN_ROLES } from '@civitas/contracts';
import {
  aSubmitServiceRequestInput,
  pgDump,
  plaintextFound,
  queryRows,
  startServerLogSlice,
  waitFor,
  type ServerLogSlice,
} from '@civitas/testing';
import { BACKEND_SERVICES } from '@civitas/tools';
import { startE2ePlatform, type E2ePlatform } from '../platform.js';
import { ABUSE_CORPUS, type ScenarioContext } from './abuse-corpus.js';
import { fuzzRequests, type PersonalData } from './fuzz.js';
import {
  discoverOperations,
  loadSupergraph,
  minimalOperation,
  rootFields,
  type OperationMetadata,
  type RootType,
} from './operations.js';
import {
  bearer,
  graphqlCodes,
  graphqlRequest,
  jsonOf,
  send,
  type RawRequest,
  type RawResponse,
} from './raw-http.js';

/** Each caller of the matrix: anonymous, then one token per role a token may carry. */
type Caller = 'anonymous' | Role;
const CALLERS: readonly Caller[] = ['anonymous', ...TOKEN_ROLES];
/** Department-scoped roles get a department, as real staff tokens do. */
const DEPARTMENT_ROLES: readonly Role[] = [Role.Caseworker, Role.Supervisor];
const AUTH_CODES = ['UNAUTHENTICATED', 'FORBIDDEN'];
/** Refusals of the document itself: the probe never reached a resolver, so it proved nothing. */
const DOCUMENT_CODES = ['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED'];

/** At least this many malformed requests (issue 9); ATTACK_FUZZ_COUNT asks for more. */
const FUZZ_COUNT = Math.max(1_200, Number(process.env.ATTACK_FUZZ_COUNT ?? 0));
/** Replay a run with ATTACK_SEED=<the seed it printed>. */
const SEED = Number(process.env.ATTACK_SEED ?? randomInt(2 ** 31));
/**
 * A request answered slower than this, and again as slow when sent once more, stalled because of
 * what it asked (docs/adr/0048). Slower only once is the machine being busy: reported, not failed.
 */
const STALL_MS = 5_000;
/** The target for every request (issue 9); the slowest are reported against it. */
const TARGET_MS = 1_000;

/**
 * The gateway's failure limit as deployed by default (docs/adr/0044), probed by the abuse corpus
 * from an address of its own; everything else in the suite stays below it at its own address, and
 * the fuzz, which sends many broken credentials, sends each request from another loopback address.
 */
const AUTH_FAILURES_MAX = 30;
/** The one origin the suite's gateway allows (CORS_ORIGINS). */
const CORS_ORIGIN = 'https://app.civitas.example';

/** The fuzz's i-th request comes from its own address in 127.0.0.0/8 (Linux answers on all of it). */
function fuzzAddress(i: number): string {
  return `127.${1 + ((i >> 16) % 250)}.${(i >> 8) & 255}.${i & 255}`;
}

/** Values long and odd enough that finding one anywhere means it leaked (plaintextFound). */
function aPerson(): PersonalData {
  const tag = Array.from(randomBytes(8), (b) => String.fromCharCode(97 + (b % 26))).join('');
  return {
    firstName: `Wilhelmina${tag}`,
    lastName: `Fairweather${tag}`,
    email: `wilhelmina.${tag}@example.org`,
    phone: `+1212555${String(randomInt(10_000)).padStart(4, '0')}`,
    postalAddress: `${randomInt(100, 999)} Quillfeather ${tag} Lane`,
  };
}
const PERSON = aPerson();

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
  let apiKey: string;
  let serverLog: ServerLogSlice | undefined;
  /** Where citizens writes its e-mail: the scenarios read verification codes there. */
  let notificationOutbox: string;
  const tokens = new Map<Caller, string | undefined>();
  const token = (role: Role) => tokens.get(role)!;
  /** Tickets of the requests submitted with the person's data. */
  const tickets: string[] = [];
  /** Every request the suite timed, for the slowest-request report. */
  const timings: { label: string; ms: number }[] = [];

  async function timed(req: RawRequest): Promise<RawResponse> {
    const res = await send(base, req);
    timings.push({ label: req.label, ms: res.ms });
    return res;
  }

  function scenarioContext(
    ctx: Pick<ScenarioContext, 'token' | 'apiKey' | 'email'>,
  ): ScenarioContext {
    return {
      ...ctx,
      send: async (req, other) => {
        if (other !== undefined) {
          return send(other, req);
        }
        return timed(req);
      },
      tokenFor: (role, sub) =>
        e2e.token(role, {
          sub,
          departments: DEPARTMENT_ROLES.includes(role) ? ['streets'] : [],
        }),
      sql: (service, text, params) => queryRows(e2e.databaseUrlOf(service), text, params),
      person: PERSON,
      tickets,
      notificationOutbox,
      metricsUrl: e2e.platform.listenerUrl('gateway', 'metrics'),
      authFailuresMax: AUTH_FAILURES_MAX,
      corsOrigin: CORS_ORIGIN,
    };
  }

  beforeAll(async () => {
    notificationOutbox = await mkdtemp(join(tmpdir(), 'civitas-attack-mail-'));
    // Logs at debug, the most the platform writes: the leak check reads all of it.
    e2e = await startE2ePlatform(
      {
        RATE_LIMIT_AUTH_FAILURES_MAX: String(AUTH_FAILURES_MAX),
        CORS_ORIGINS: CORS_ORIGIN,
        NOTIFY_OUTBOX_DIR: notificationOutbox,
      },
      { logLevel: 'debug' },
    );
    serverLog = await startServerLogSlice(e2e.databaseUrlOf('intake'));
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
    const created = await timed(
      graphqlRequest(
        'create an API key',
        'mutation K($n: String!) { createApiKey(input: { name: $n }) { key } }',
        { n: 'attack suite' },
        bearer(token(Role.Admin)),
      ),
    );
    apiKey = jsonOf<{ data: { createApiKey: { key: string } } }>(created)!.data.createApiKey.key;

    // The person reports twice, by GraphQL and by Open311; staff then look them up.
    const input = aSubmitServiceRequestInput('pothole')
      .describedAs('Deep pothole by the kerb')
      .withReporter({ ...PERSON, preferredLanguage: 'en' })
      .build();
    const graph = await timed(
      graphqlRequest(
        'submit with personal data',
        'mutation S($input: SubmitServiceRequestInput!) { submitServiceRequest(input: $input) { ticketNumber } }',
        { input },
      ),
    );
    tickets.push(
      jsonOf<{ data: { submitServiceRequest: { ticketNumber: string } } }>(graph)!.data
        .submitServiceRequest.ticketNumber,
    );
    const open311 = await timed({
      label: 'Open311 submit with personal data',
      method: 'POST',
      path: '/open311/v2/requests.json',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        api_key: apiKey,
        service_code: 'pothole',
        address_string: '1 Main St',
        first_name: PERSON.firstName,
        last_name: PERSON.lastName,
        email: PERSON.email,
        phone: PERSON.phone,
      }).toString(),
    });
    expect(open311.status).toBe(200);
    tickets.push(jsonOf<{ service_request_id: string }[]>(open311)![0].service_request_id);
    for (const [query, variables] of [
      ['query F($e: String) { findCitizensByContact(email: $e) { id } }', { e: PERSON.email }],
      ['query F($p: String) { findCitizensByContact(phone: $p) { id } }', { p: PERSON.phone }],
      ['query S($q: String!) { searchCitizens(query: $q) { id } }', { q: PERSON.lastName }],
    ] as const) {
      const res = await timed(
        graphqlRequest('staff look the person up', query, variables, bearer(token(Role.Agent))),
      );
      expect(graphqlCodes(res)).toEqual([]);
    }
  });

  afterAll(async () => {
    await e2e?.dispose();
    if (notificationOutbox) {
      await rm(notificationOutbox, { recursive: true, force: true });
    }
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

  describe("abuse corpus: the review's probes answer as their fixes promise", () => {
    it.each(ABUSE_CORPUS.map((probe) => [probe.item, probe.name, probe] as const))(
      'item %s: %s',
      async (_item, _name, probe) => {
        const ctx = { token, apiKey, email: PERSON.email };
        if ('steps' in probe) {
          expect(await probe.steps(scenarioContext(ctx))).toEqual([]);
        } else {
          expect(probe.check(await timed(probe.request(ctx)))).toEqual([]);
        }
      },
    );
  });

  describe('fuzz', () => {
    it(`answers ${FUZZ_COUNT} malformed GraphQL and Open311 requests without a 5xx or a stall`, async () => {
      console.log(`attack suite fuzz seed ${SEED} (replay with ATTACK_SEED=${SEED})`);
      const requests = fuzzRequests(
        {
          seed: SEED,
          authorizations: CALLERS.map((caller) => {
            const value = tokens.get(caller);
            return value ? `Bearer ${value}` : undefined;
          }),
          apiKey,
          person: PERSON,
          documents: operations.map((op) => minimalOperation(op.type, op.field)),
        },
        FUZZ_COUNT,
      );
      const failures: string[] = [];
      const stalls: string[] = [];
      const transient: string[] = [];
      let next = 0;
      // A few at a time: enough to overlap the slow ones, few enough for a shared 2-core machine.
      await Promise.all(
        Array.from({ length: 4 }, async () => {
          while (next < requests.length) {
            const i = next++;
            const req = { ...requests[i], from: fuzzAddress(i) };
            try {
              const res = await timed(req);
              if (res.status >= 500 || res.ms > STALL_MS) {
                // Sent once more: what its content causes happens again; a busy machine does not.
                const again = await send(base, req);
                const what = `${req.label}: ${res.status} in ${Math.round(res.ms)} ms, then ${again.status} in ${Math.round(again.ms)} ms: ${res.text.slice(0, 600)} <- ${replayable(req)}`;
                if (res.status >= 500 && again.status >= 500) {
                  failures.push(what);
                } else if (res.ms > STALL_MS && again.ms > STALL_MS) {
                  stalls.push(what);
                } else {
                  transient.push(what);
                }
              }
            } catch (error) {
              failures.push(`${req.label}: no answer (${String(error)}) <- ${replayable(req)}`);
            }
          }
        }),
      );
      if (transient.length) {
        console.log(
          `attack suite: answers that did not happen again when sent again:\n${transient.join('\n')}`,
        );
      }
      expect({ seed: SEED, failures, stalls }).toEqual({ seed: SEED, failures: [], stalls: [] });
      // Every process still serves.
      const ready = await send(base, { label: 'ready', method: 'GET', path: '/health/ready' });
      expect(ready.status).toBe(200);
    });
  });

  describe('personal data: none of what was submitted is in a database dump or a log', () => {
    it('holds after the suite, in every database, every process log and the Postgres server log', async () => {
      // The person's reports have gone through every service that would keep them.
      for (const ticket of tickets) {
        await waitFor(
          async () => {
            const res = await send(
              base,
              graphqlRequest(
                'routed',
                'query T($t: String!) { caseByTicket(ticketNumber: $t) { department { code } reporter { id } } }',
                { t: ticket },
                bearer(token(Role.Agent)),
              ),
            );
            const found = jsonOf<{
              data?: { caseByTicket?: { department?: unknown; reporter?: unknown } | null };
            }>(res)?.data?.caseByTicket;
            return Boolean(found?.department && found.reporter);
          },
          { timeoutMs: 60_000, what: `case ${ticket} routed with its reporter` },
        );
      }
      const secrets = Object.values(PERSON);
      const found: Record<string, string[]> = {};
      for (const service of BACKEND_SERVICES) {
        found[`pg_dump ${service}`] = plaintextFound(
          await pgDump(e2e.databaseUrlOf(service)),
          secrets,
        );
      }
      for (const name of [...BACKEND_SERVICES, 'gateway', 'launcher'] as const) {
        found[`${name} log`] = plaintextFound(e2e.platform.logs(name).join('\n'), secrets);
      }
      if (serverLog) {
        found[`Postgres server log (${serverLog.source})`] = plaintextFound(
          await serverLog.read(),
          secrets,
        );
      } else {
        console.log('attack suite: the Postgres server log is not readable from here; not checked');
      }
      expect(Object.entries(found).filter(([, hits]) => hits.length)).toEqual([]);

      const slowest = [...timings].sort((a, b) => b.ms - a.ms).slice(0, 5);
      console.log(
        `attack suite: ${timings.length} timed requests, ${timings.filter((t) => t.ms > TARGET_MS).length} over ${TARGET_MS} ms; slowest: ` +
          slowest.map((t) => `${t.label} ${Math.round(t.ms)} ms`).join('; '),
      );
    });
  });
});

/** Enough of a request to replay it by hand. */
function replayable(req: RawRequest): string {
  const body =
    req.body === undefined ? '' : ` ${Buffer.from(req.body).toString('utf8').slice(0, 300)}`;
  return `${req.method} ${req.path.slice(0, 300)}${body}`;
}

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
