import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Role } from '@civitas/contracts';
import { waitFor } from '@civitas/testing';
import type { ScenarioContext, ScenarioProbe } from './abuse-corpus.js';
import { bearer, graphqlCodes, graphqlRequest, jsonOf, type RawResponse } from './raw-http.js';

/**
 * The review's probes that take more than one request (issue 9, items 2, 3, 7 and 9): each sets
 * up what it needs through the gateway (a report, a linked sign-in, a duplicate), then checks what
 * the fix promises. Each returns what is wrong, or [] when the answers are as promised.
 */

interface Answer<T> {
  res: RawResponse;
  data: T | undefined;
  codes: string[];
}

async function gql<T>(
  ctx: ScenarioContext,
  label: string,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<Answer<T>> {
  const res = await ctx.send(graphqlRequest(label, query, variables, bearer(token)));
  return { res, data: jsonOf<{ data?: T }>(res)?.data ?? undefined, codes: graphqlCodes(res) };
}

const AUTH_CODES = ['UNAUTHENTICATED', 'FORBIDDEN'];

const brief = (res: RawResponse) => `${res.status} ${res.text.slice(0, 300)}`;

/** A fresh tag, so a scenario's people and sign-ins are its own. */
const tag = () => Math.random().toString(36).slice(2, 10);

const SUBMIT =
  'mutation S($input: SubmitServiceRequestInput!) { submitServiceRequest(input: $input) { ticketNumber } }';

async function submit(
  ctx: ScenarioContext,
  label: string,
  reporter: Record<string, string> | undefined,
): Promise<string> {
  const { data, res } = await gql<{ submitServiceRequest: { ticketNumber: string } }>(
    ctx,
    label,
    SUBMIT,
    {
      input: {
        serviceCode: 'pothole',
        description: 'Pothole reported by the attack suite',
        channel: 'WEB',
        location: { address: '1 Centre St', latitude: 40.7128, longitude: -74.006 },
        ...(reporter ? { reporter } : {}),
      },
    },
  );
  const ticket = data?.submitServiceRequest.ticketNumber;
  if (!ticket) {
    throw new Error(`${label}: not accepted: ${brief(res)}`);
  }
  return ticket;
}

interface Tracked {
  id: string;
  status: string;
  department: { code: string } | null;
  reporter: { id: string } | null;
}

/** The case as staff see it once routed (and, when it has one, with its reporter resolved). */
function routed(ctx: ScenarioContext, ticket: string, withReporter: boolean): Promise<Tracked> {
  return waitFor(
    async () => {
      const { data } = await gql<{ caseByTicket: Tracked | null }>(
        ctx,
        'track as staff',
        'query T($t: String!) { caseByTicket(ticketNumber: $t) { id status department { code } reporter { id } } }',
        { t: ticket },
        ctx.token(Role.Agent),
      );
      const found = data?.caseByTicket;
      return found?.department && found.status === 'OPEN' && (!withReporter || found.reporter)
        ? found
        : undefined;
    },
    { timeoutMs: 60_000, what: `case ${ticket} routed${withReporter ? ' with its reporter' : ''}` },
  );
}

/** The resident staff find by this e-mail (the person of the suite reported with it). */
async function residentByEmail(ctx: ScenarioContext, email: string): Promise<string> {
  const { data, res } = await gql<{ findCitizensByContact: { id: string }[] }>(
    ctx,
    'find by e-mail',
    'query F($e: String) { findCitizensByContact(email: $e) { id } }',
    { e: email },
    ctx.token(Role.Agent),
  );
  const found = data?.findCitizensByContact ?? [];
  if (found.length !== 1) {
    throw new Error(`expected one resident with the e-mail, got ${brief(res)}`);
  }
  return found[0].id;
}

/**
 * A resident with a sign-in of their own, linked the way ADR 0040 allows without a code: an agent
 * asks, an admin approves. Returns their id and token.
 */
async function linkedResident(
  ctx: ScenarioContext,
  name: string,
): Promise<{ id: string; token: string }> {
  const email = `${name}.${tag()}@example.net`;
  const ticket = await submit(ctx, `${name} reports`, { firstName: name, email });
  const { reporter } = await routed(ctx, ticket, true);
  const sub = `attack-${name}-${tag()}`;
  const asked = await gql<{ requestLoginLink: { id: string } }>(
    ctx,
    'request a login link',
    'mutation R($c: ID!, $s: String!) { requestLoginLink(citizenId: $c, sub: $s, reason: "attack suite") { id } }',
    { c: reporter!.id, s: sub },
    ctx.token(Role.Agent),
  );
  const decided = await gql<{ decideLoginLink: { status: string } }>(
    ctx,
    'approve the login link',
    'mutation D($r: ID!) { decideLoginLink(id: $r, approve: true) { status } }',
    { r: asked.data?.requestLoginLink.id },
    ctx.token(Role.Admin),
  );
  if (decided.data?.decideLoginLink.status !== 'APPROVED') {
    throw new Error(`linking ${name}: ${brief(asked.res)} / ${brief(decided.res)}`);
  }
  return { id: reporter!.id, token: await ctx.tokenFor(Role.Resident, sub) };
}

/** The last verification code citizens e-mailed to `to` on behalf of `residentId`. */
async function codeSentTo(ctx: ScenarioContext, residentId: string, to: string): Promise<string> {
  return waitFor(
    async () => {
      const names = (await readdir(ctx.notificationOutbox))
        .filter((n) => n.startsWith(`${residentId}.`) && n.endsWith('.eml'))
        .sort();
      for (const name of names.reverse()) {
        // Quoted-printable soft breaks joined, so the sentence reads as written.
        const mail = (await readFile(join(ctx.notificationOutbox, name), 'utf8')).replace(
          /=\r?\n/g,
          '',
        );
        const code = /Your code is (\d{6})\b/.exec(mail)?.[1];
        if (code && mail.includes(to)) {
          return code;
        }
      }
      return undefined;
    },
    { timeoutMs: 10_000, what: `a verification code e-mailed to ${to}` },
  );
}

const ME = `query { me { id contactPoints { kind value } unverifiedContactPoints { kind value } } }`;

export const ABUSE_SCENARIOS: readonly ScenarioProbe[] = [
  // Item 2: a contact point a resident adds counts once proved (ADR 0040).
  {
    item: 2,
    name: "someone else's e-mail added to a profile is no match key: the owner's next report is not the attacker's, and the attacker's data download holds none of the owner's data",
    steps: async (ctx) => {
      const problems: string[] = [];
      const owner = await residentByEmail(ctx, ctx.person.email);
      const attacker = await linkedResident(ctx, 'mallory');
      const added = await gql<{
        updateMyProfile: { contactPoints: { value: string }[] };
      }>(
        ctx,
        "add the person's e-mail",
        'mutation U($e: String!) { updateMyProfile(input: { addContactPoints: [{ kind: EMAIL, value: $e }] }) { contactPoints { value } } }',
        { e: ctx.person.email },
        attacker.token,
      );
      if (added.codes.length || !added.data) {
        problems.push(`updateMyProfile: ${brief(added.res)}`);
        return problems;
      }
      if (added.data.updateMyProfile.contactPoints.some((p) => p.value === ctx.person.email)) {
        problems.push('the unproved e-mail is listed as a contact point at once');
      }
      // The person reports again, with the e-mail and their phone.
      const ticket = await submit(ctx, 'the person reports again', {
        firstName: ctx.person.firstName,
        lastName: ctx.person.lastName,
        email: ctx.person.email,
        phone: ctx.person.phone,
      });
      const { reporter } = await routed(ctx, ticket, true);
      if (reporter!.id !== owner) {
        problems.push(
          `the report by the person's e-mail resolved to ${reporter!.id === attacker.id ? 'the attacker' : 'someone else'}, not to the person`,
        );
      }
      const mine = await gql<{ requestMyData: unknown }>(
        ctx,
        "the attacker's data download",
        'query { requestMyData }',
        {},
        attacker.token,
      );
      if (mine.codes.length || mine.data?.requestMyData === undefined) {
        problems.push(`requestMyData: ${brief(mine.res)}`);
      }
      // The e-mail the attacker typed is theirs to see (as an unverified claim); nothing else is.
      const download = JSON.stringify(mine.data?.requestMyData ?? null);
      const theirs = [
        ctx.person.firstName,
        ctx.person.lastName,
        ctx.person.phone,
        ctx.person.postalAddress,
        ticket,
        ...ctx.tickets,
      ].filter((value) => download.includes(value));
      if (theirs.length) {
        problems.push(`the attacker's download holds the person's data: ${theirs.join(', ')}`);
      }
      return problems;
    },
  },
  {
    item: 2,
    name: 'a verification code cannot be guessed: the fifth wrong entry voids it, and then even the right code is refused',
    steps: async (ctx) => {
      const problems: string[] = [];
      const resident = await linkedResident(ctx, 'guesser');
      const address = `guessed.${tag()}@example.net`;
      const added = await gql(
        ctx,
        'claim an e-mail',
        'mutation U($e: String!) { updateMyProfile(input: { addContactPoints: [{ kind: EMAIL, value: $e }] }) { id } }',
        { e: address },
        resident.token,
      );
      if (added.codes.length) {
        return [`updateMyProfile: ${brief(added.res)}`];
      }
      const right = await codeSentTo(ctx, resident.id, address);
      const guesses = ['000000', '111111', '222222', '333333', '444444', '555555', '666666']
        .filter((g) => g !== right)
        .slice(0, 5);
      const codes: string[] = [];
      for (const code of [...guesses, right]) {
        const tried = await gql(
          ctx,
          'enter a code',
          'mutation V($e: String!, $c: String!) { verifyMyContactPoint(input: { kind: EMAIL, value: $e, code: $c }) { id } }',
          { e: address, c: code },
          resident.token,
        );
        codes.push(tried.codes.join(',') || 'accepted');
      }
      const expected = [
        ...Array<string>(4).fill('VERIFICATION_CODE_WRONG'),
        'VERIFICATION_CODE_USED_UP',
        'VERIFICATION_CODE_USED_UP',
      ];
      if (JSON.stringify(codes) !== JSON.stringify(expected)) {
        problems.push(`five wrong codes then the right one answered ${codes.join(' / ')}`);
      }
      const me = await gql<{ me: { contactPoints: { value: string }[] } }>(
        ctx,
        'me',
        ME,
        {},
        resident.token,
      );
      if (me.data?.me.contactPoints.some((p) => p.value === address)) {
        problems.push('the guessed e-mail became a contact point');
      }
      return problems;
    },
  },
  {
    item: 2,
    name: "an agent cannot link a sign-in to someone's profile without the resident's code or a supervisor's approval",
    steps: async (ctx) => {
      const problems: string[] = [];
      const owner = await residentByEmail(ctx, ctx.person.email);
      const sub = `attack-hijack-${tag()}`;
      for (const code of [null, '123456']) {
        const linked = await gql<{ linkLogin: boolean }>(
          ctx,
          'link without proof',
          'mutation L($c: ID!, $s: String!, $code: String) { linkLogin(citizenId: $c, sub: $s, code: $code) }',
          { c: owner, s: sub, code },
          ctx.token(Role.Agent),
        );
        const expected = code === null ? 'LOGIN_PROOF_REQUIRED' : undefined;
        if (
          linked.data?.linkLogin ||
          linked.codes.length !== 1 ||
          (expected && linked.codes[0] !== expected)
        ) {
          problems.push(`linkLogin with code ${code}: ${brief(linked.res)}`);
        }
      }
      const me = await gql(
        ctx,
        'me as the hijacker',
        ME,
        {},
        await ctx.tokenFor(Role.Resident, sub),
      );
      if (JSON.stringify(me.codes) !== JSON.stringify(['RESIDENT_NOT_LINKED'])) {
        problems.push(`the sign-in reads a profile: ${brief(me.res)}`);
      }
      return problems;
    },
  },
  // Item 3: reporter references and private cases for the staff who serve residents (ADR 0041).
  {
    item: 3,
    name: 'serviceRequests { reporter { id } } answers null to anonymous callers, residents, analysts and API clients',
    steps: async (ctx) => {
      const problems: string[] = [];
      const ticket = ctx.tickets[0];
      const { reporter } = await routed(ctx, ticket, true);
      const callers: [string, string | undefined][] = [
        ['anonymous', undefined],
        ...[Role.Resident, Role.Analyst, Role.Integration].map((role): [string, string] => [
          role,
          ctx.token(role),
        ]),
      ];
      for (const [caller, token] of callers) {
        const listed = await gql<{
          serviceRequests: { ticketNumber: string; reporter: { id: string } | null }[];
        }>(
          ctx,
          `serviceRequests as ${caller}`,
          'query { serviceRequests(filter: { pageSize: 1000 }) { ticketNumber reporter { id } } }',
          {},
          token,
        );
        const requests = listed.data?.serviceRequests ?? [];
        const refused = listed.codes.length > 0 && listed.codes.every((c) => c === 'FORBIDDEN');
        if (refused) {
          continue;
        }
        if (listed.codes.length || !requests.some((r) => r.ticketNumber === ticket)) {
          problems.push(`${caller}: expected the list with ${ticket}, got ${brief(listed.res)}`);
        } else if (requests.some((r) => r.reporter !== null)) {
          problems.push(
            `${caller} sees reporter ids${listed.res.text.includes(reporter!.id) ? ", the person's among them" : ''}`,
          );
        }
      }
      return problems;
    },
  },
  {
    item: 3,
    name: 'a private case is invisible to those who may not see it: caseByTicket, case, duplicateOf, serviceRequests, Open311 requests.json and requests/{id}.json',
    steps: async (ctx) => {
      const problems: string[] = [];
      const hidden = await submit(ctx, 'the case to make private', undefined);
      const duplicate = await submit(ctx, 'its duplicate', undefined);
      const { id } = await routed(ctx, hidden, false);
      await routed(ctx, duplicate, false);
      // Nothing in the graph marks a case private yet (imports and sensitive categories would, as
      // the case arrives); then staff find a duplicate of it.
      await ctx.sql('cases', 'UPDATE service_case SET private = true WHERE ticket_number = $1', [
        hidden,
      ]);
      const marked = await gql(
        ctx,
        'mark the duplicate',
        'mutation M($t: String!, $p: String!) { markCaseDuplicate(input: { ticketNumber: $t, duplicateOf: $p }) { id } }',
        { t: duplicate, p: hidden },
        ctx.token(Role.Admin),
      );
      if (marked.codes.length) {
        return [`markCaseDuplicate: ${brief(marked.res)}`];
      }
      const staff = await gql<{ caseByTicket: { id: string } | null }>(
        ctx,
        'staff read the private case',
        'query T($t: String!) { caseByTicket(ticketNumber: $t) { id } }',
        { t: hidden },
        ctx.token(Role.Agent),
      );
      if (staff.data?.caseByTicket?.id !== id) {
        problems.push(`staff cannot read the private case: ${brief(staff.res)}`);
      }
      const callers: [string, string | undefined][] = [
        ['anonymous', undefined],
        ...[Role.Resident, Role.Analyst, Role.Integration].map((role): [string, string] => [
          role,
          ctx.token(role),
        ]),
      ];
      for (const [caller, token] of callers) {
        const read = await gql<{
          caseByTicket: unknown;
          dup: { ticketNumber: string; duplicateOf: unknown } | null;
          serviceRequests: { ticketNumber: string }[];
        }>(
          ctx,
          `the private case as ${caller}`,
          `query P($t: String!, $d: String!) {
            caseByTicket(ticketNumber: $t) { id }
            dup: caseByTicket(ticketNumber: $d) { ticketNumber duplicateOf { ticketNumber } }
            serviceRequests(filter: { pageSize: 1000 }) { ticketNumber }
          }`,
          { t: hidden, d: duplicate },
          token,
        );
        const data = read.data;
        if (read.codes.length || !data) {
          problems.push(`${caller}: ${brief(read.res)}`);
          continue;
        }
        if (data.caseByTicket !== null) {
          problems.push(`${caller}: caseByTicket answers it`);
        }
        // case(id) is for staff and analysts: null, or refused outright.
        const byId = await gql<{ case: unknown }>(
          ctx,
          `the private case by id as ${caller}`,
          'query C($id: ID!) { case(id: $id) { id } }',
          { id },
          token,
        );
        const refused = byId.codes.length === 1 && AUTH_CODES.includes(byId.codes[0]);
        if (!refused && (byId.codes.length || byId.data?.case !== null)) {
          problems.push(`${caller}: case(id) answers it: ${brief(byId.res)}`);
        }
        if (data.dup?.ticketNumber !== duplicate) {
          problems.push(`${caller}: the (public) duplicate is not answered`);
        } else if (data.dup.duplicateOf !== null) {
          problems.push(`${caller}: the duplicate's duplicateOf names it`);
        }
        if (data.serviceRequests.some((r) => r.ticketNumber === hidden)) {
          problems.push(`${caller}: serviceRequests lists it`);
        }
        if (!data.serviceRequests.some((r) => r.ticketNumber === duplicate)) {
          problems.push(`${caller}: serviceRequests lacks the public duplicate`);
        }
      }
      for (const path of [
        `/open311/v2/requests.json?status=open,closed`,
        `/open311/v2/requests/${duplicate}.json?extensions=true`,
      ]) {
        const res = await ctx.send({ label: `Open311 ${path}`, method: 'GET', path });
        if (res.status !== 200 || !res.text.includes(duplicate)) {
          problems.push(`Open311 ${path}: expected the duplicate, got ${brief(res)}`);
        } else if (res.text.includes(hidden)) {
          problems.push(`Open311 ${path} names the private case`);
        }
      }
      const direct = await ctx.send({
        label: 'Open311 the private case',
        method: 'GET',
        path: `/open311/v2/requests/${hidden}.json`,
      });
      if (direct.status !== 404) {
        problems.push(`Open311 requests/${hidden}.json: expected 404, got ${brief(direct)}`);
      }
      return problems;
    },
  },
  // Item 7: rate limits, security headers, CORS and metrics at the gateway (ADR 0044).
  {
    item: 7,
    name: 'refused credentials from one address are answered 429 with Retry-After once the configured number is reached, whatever comes next from there',
    steps: async (ctx) => {
      const problems: string[] = [];
      // An address of its own: the rest of the suite sends from others.
      const from = '127.0.0.77';
      const statuses: number[] = [];
      for (let i = 0; i < ctx.authFailuresMax; i++) {
        const res = await ctx.send({
          ...(i % 2 === 0
            ? graphqlRequest('bad token', '{ services { code } }', {}, bearer('not.a.token'))
            : {
                label: 'bad API key',
                method: 'POST',
                path: '/open311/v2/requests.json',
                headers: { 'content-type': 'application/x-www-form-urlencoded' },
                body: `api_key=civ_wrong_${i}&service_code=pothole&address_string=1+Main+St`,
              }),
          from,
        });
        statuses.push(res.status);
      }
      if (statuses.some((s) => s !== 401 && s !== 403)) {
        problems.push(`refused credentials answered ${statuses.join(',')}, not 401/403`);
      }
      const next = await ctx.send({
        ...graphqlRequest('then a good request', '{ services { code } }'),
        from,
      });
      const retryAfter = Number(next.headers['retry-after']);
      if (
        next.status !== 429 ||
        !(retryAfter > 0) ||
        graphqlCodes(next).join() !== 'RATE_LIMITED'
      ) {
        problems.push(
          `after ${ctx.authFailuresMax} refused credentials: ${brief(next)} (Retry-After ${String(next.headers['retry-after'])})`,
        );
      }
      const elsewhere = await ctx.send(
        graphqlRequest('from another address', '{ services { code } }'),
      );
      if (elsewhere.status !== 200) {
        problems.push(`another address is refused too: ${brief(elsewhere)}`);
      }
      return problems;
    },
  },
  {
    item: 7,
    name: 'every answer carries the security headers: GraphQL, Open311, an error and a 404',
    steps: async (ctx) => {
      const problems: string[] = [];
      const answers = [
        graphqlRequest('a query', '{ services { code } }'),
        graphqlRequest('a broken query', '{ services { '),
        { label: 'Open311 services', method: 'GET', path: '/open311/v2/services.json' },
        { label: 'nothing here', method: 'GET', path: '/no-such-page' },
      ];
      for (const req of answers) {
        const res = await ctx.send(req);
        const h = res.headers;
        const wrong = [
          h['x-content-type-options'] === 'nosniff' ? '' : 'X-Content-Type-Options',
          h['x-frame-options'] === 'DENY' ? '' : 'X-Frame-Options',
          h['referrer-policy'] === 'no-referrer' ? '' : 'Referrer-Policy',
          String(h['content-security-policy'] ?? '').includes("default-src 'none'")
            ? ''
            : 'Content-Security-Policy',
        ].filter(Boolean);
        if (wrong.length) {
          problems.push(`${req.label} (${res.status}) lacks ${wrong.join(', ')}`);
        }
      }
      return problems;
    },
  },
  {
    item: 7,
    name: 'CORS answers the allowed origin only: another origin gets no Access-Control-Allow-Origin, preflight or not',
    steps: async (ctx) => {
      const problems: string[] = [];
      const preflight = (origin: string) =>
        ctx.send({
          label: `preflight from ${origin}`,
          method: 'OPTIONS',
          path: '/graphql',
          headers: {
            origin,
            'access-control-request-method': 'POST',
            'access-control-request-headers': 'content-type,authorization',
          },
        });
      const post = (origin: string) =>
        ctx.send({
          ...graphqlRequest(`a query from ${origin}`, '{ services { code } }'),
          headers: { 'content-type': 'application/json', origin },
        });
      for (const res of [await preflight(ctx.corsOrigin), await post(ctx.corsOrigin)]) {
        if (res.headers['access-control-allow-origin'] !== ctx.corsOrigin) {
          problems.push(
            `the allowed origin is not answered: ${res.status} ${JSON.stringify(res.headers)}`,
          );
        }
        if (res.headers['access-control-allow-credentials'] !== undefined) {
          problems.push('credentials are allowed');
        }
      }
      const other = 'https://attacker.example';
      for (const res of [await preflight(other), await post(other)]) {
        if (
          res.headers['access-control-allow-origin'] !== undefined ||
          res.headers['access-control-allow-credentials'] !== undefined
        ) {
          problems.push(`${other} is allowed: ${res.status} ${JSON.stringify(res.headers)}`);
        }
      }
      return problems;
    },
  },
  {
    item: 7,
    name: '/metrics is not on the public port, only on the metrics listener',
    steps: async (ctx) => {
      const problems: string[] = [];
      const open = await ctx.send({ label: 'public /metrics', method: 'GET', path: '/metrics' });
      if (open.status !== 404 || open.text.includes('process_cpu')) {
        problems.push(`the public port answers /metrics: ${brief(open)}`);
      }
      const metrics = new URL(ctx.metricsUrl);
      const internal = await ctx.send(
        { label: 'metrics listener', method: 'GET', path: metrics.pathname },
        metrics.origin,
      );
      if (internal.status !== 200 || !internal.text.includes('process_cpu')) {
        problems.push(`the metrics listener does not serve them: ${brief(internal)}`);
      }
      return problems;
    },
  },
  // Item 9: what a resident reported is personal history, and reading it is audited (ADR 0047).
  {
    item: 9,
    name: "reading a resident's cases and submissions writes an audit entry for each",
    steps: async (ctx) => {
      const problems: string[] = [];
      const resident = await residentByEmail(ctx, ctx.person.email);
      const reader = `attack-reader-${tag()}`;
      const read = await gql<{
        citizen: { cases: unknown[] | null; submissions: unknown[] | null } | null;
      }>(
        ctx,
        'the 360 view',
        'query C($id: ID!) { citizen(id: $id, purpose: "attack suite") { id cases { ticketNumber } submissions { ticketNumber } } }',
        { id: resident },
        await ctx.tokenFor(Role.Agent, reader),
      );
      if (read.codes.length || !read.data?.citizen?.cases?.length) {
        return [`the read: ${brief(read.res)}`];
      }
      const log = await gql<{
        auditLog: { fields: string[]; outcome: string; citizenId: string }[];
      }>(
        ctx,
        'the audit log',
        'query A($c: ID!, $a: String!) { auditLog(citizenId: $c, actorSub: $a) { fields outcome citizenId } }',
        { c: resident, a: reader },
        ctx.token(Role.Admin),
      );
      const entries = log.data?.auditLog ?? [];
      for (const field of ['cases', 'submissions']) {
        if (!entries.some((e) => e.outcome === 'GRANTED' && e.fields.includes(field))) {
          problems.push(`no audit entry for reading ${field}: ${brief(log.res)}`);
        }
      }
      return problems;
    },
  },
];
