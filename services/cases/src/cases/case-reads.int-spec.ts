import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  Kind,
  parse,
  type FieldDefinitionNode,
  type ObjectTypeDefinitionNode,
  type TypeNode,
} from 'graphql';
import {
  Channel,
  RecordPersonalRead,
  ResolveIdentity,
  Role,
  SUBGRAPH_MAX_BODY_BYTES,
  SubmissionAccepted,
  type Identity,
} from '@civitas/contracts';
import {
  aSubmissionAccepted,
  gatewayHeaders,
  peer,
  startServiceHarness,
  waitFor,
  type ServiceHarness,
  aResident,
  aStaffMember,
} from '@civitas/testing';
import { CASES_APP } from '../app.module.js';
import type { CasesConfig } from '../config/cases.config.js';

const ANONYMOUS: Partial<Identity> | undefined = undefined;
const RESIDENT = aResident('login|someone-else');
const ANALYST = aStaffMember(Role.Analyst, 'analyst-1');
const INTEGRATION: Partial<Identity> = { sub: null, roles: [Role.Integration], clientId: 'app' };
const AGENT = aStaffMember(Role.Agent, 'agent-1');
const CASEWORKER = aStaffMember(Role.Caseworker, 'cw-1', 'streets');
/** Callers to whom a private case does not exist and who get no reporter reference. */
const OUTSIDERS = { ANONYMOUS, RESIDENT, ANALYST, INTEGRATION };
/** Staff who serve residents: they see private cases and who reported a case. */
const STAFF = { AGENT, CASEWORKER };

const REPORTER = randomUUID();

interface Cases {
  publicCase: { id: string; ticket: string };
  privateCase: { id: string; ticket: string };
  /** A public case closed as a duplicate of the private one. */
  duplicate: { id: string; ticket: string };
  /** A public part of the private case, split from it (docs/adr/0062). */
  part: { id: string; ticket: string };
  /** A public case linked as a possible duplicate of the private one (docs/adr/0063). */
  possibleDuplicate: { id: string; ticket: string };
}

/**
 * One read of cases through the graph, as `who`: the ticket numbers it returned. A probe per
 * field of the schema that can return a case (see the last test).
 */
type Probe = (
  cases: ServiceHarness<CasesConfig>,
  fixture: Cases,
  who: Partial<Identity> | undefined,
) => Promise<string[]>;

const tickets = (list: ({ ticketNumber: string } | null)[] | null | undefined): string[] =>
  (list ?? []).filter((c): c is { ticketNumber: string } => c !== null).map((c) => c.ticketNumber);

const PROBES: Record<string, Probe> = {
  'Query.caseByTicket': async (cases, { privateCase }, who) => {
    const res = await cases.query<{ caseByTicket: { ticketNumber: string } | null }>(
      'query($t: String!) { caseByTicket(ticketNumber: $t) { ticketNumber } }',
      { t: privateCase.ticket.toLowerCase() },
      who,
    );
    return tickets([res.data?.caseByTicket ?? null]);
  },
  'Query.ticketStatus': async (cases, { privateCase }, who) => {
    const res = await cases.query<{ ticketStatus: { ticketNumber: string } | null }>(
      'query($t: String!) { ticketStatus(ticketNumber: $t) { ticketNumber } }',
      { t: privateCase.ticket.toLowerCase() },
      who,
    );
    return tickets([res.data?.ticketStatus ?? null]);
  },
  'Query.case': async (cases, { privateCase }, who) => {
    const res = await cases.query<{ case: { ticketNumber: string } | null }>(
      'query($id: ID!) { case(id: $id) { ticketNumber } }',
      { id: privateCase.id },
      who,
    );
    return tickets([res.data?.case ?? null]);
  },
  'Query.serviceRequests': async (cases, { privateCase, publicCase }, who) => {
    const res = await cases.query<{ serviceRequests: { ticketNumber: string }[] }>(
      'query($t: [String!]) { serviceRequests(filter: { ticketNumbers: $t }) { ticketNumber } }',
      { t: [privateCase.ticket, publicCase.ticket] },
      who,
    );
    return tickets(res.data?.serviceRequests).filter((t) => t !== publicCase.ticket);
  },
  'Query.serviceRequestUpdates': async (cases, { privateCase }, who) => {
    const res = await cases.query<{ serviceRequestUpdates: { ticketNumber: string }[] }>(
      'query($t: [String!]) { serviceRequestUpdates(filter: { ticketNumbers: $t }) { ticketNumber } }',
      { t: [privateCase.ticket] },
      who,
    );
    return [...new Set(tickets(res.data?.serviceRequestUpdates))];
  },
  'Query._entities': async (cases, { privateCase }, who) => {
    const res = await cases.query<{ _entities: ({ ticketNumber: string } | null)[] }>(
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Case { ticketNumber } } }',
      { r: [{ __typename: 'Case', id: privateCase.id }] },
      who,
    );
    return tickets(res.data?._entities);
  },
  'Case.duplicateOf': async (cases, { duplicate }, who) => {
    const res = await cases.query<{
      caseByTicket: { duplicateOf: { ticketNumber: string } | null } | null;
    }>(
      'query($t: String!) { caseByTicket(ticketNumber: $t) { duplicateOf { ticketNumber } } }',
      { t: duplicate.ticket },
      who,
    );
    return tickets([res.data?.caseByTicket?.duplicateOf ?? null]);
  },
  'Case.parent': async (cases, { part }, who) => {
    const res = await cases.query<{
      caseByTicket: { parent: { ticketNumber: string } | null } | null;
    }>(
      'query($t: String!) { caseByTicket(ticketNumber: $t) { parent { ticketNumber } } }',
      { t: part.ticket },
      who,
    );
    return tickets([res.data?.caseByTicket?.parent ?? null]);
  },
  // The private case is itself a part of the public case (split from it).
  'Case.children': async (cases, { publicCase }, who) => {
    const res = await cases.query<{
      caseByTicket: { children: { ticketNumber: string }[] } | null;
    }>(
      'query($t: String!) { caseByTicket(ticketNumber: $t) { children { ticketNumber } } }',
      { t: publicCase.ticket },
      who,
    );
    return tickets(res.data?.caseByTicket?.children);
  },
  'Case.possibleDuplicateOf': async (cases, { possibleDuplicate }, who) => {
    const res = await cases.query<{
      caseByTicket: { possibleDuplicateOf: { ticketNumber: string } | null } | null;
    }>(
      'query($t: String!) { caseByTicket(ticketNumber: $t) { possibleDuplicateOf { ticketNumber } } }',
      { t: possibleDuplicate.ticket },
      who,
    );
    return tickets([res.data?.caseByTicket?.possibleDuplicateOf ?? null]);
  },
  'Citizen.cases': async (cases, { privateCase }, who) => {
    const res = await cases.query<{
      _entities: { cases: { ticketNumber: string }[] | null }[];
    }>(
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Citizen { cases { ticketNumber } } } }',
      { r: [{ __typename: 'Citizen', id: REPORTER }] },
      who,
    );
    return tickets(res.data?._entities?.[0]?.cases).filter((t) => t === privateCase.ticket);
  },
  'WorklistPage.nodes': async (cases, { privateCase }, who) => {
    const res = await cases.query<{ worklist: { nodes: { ticketNumber: string }[] } | null }>(
      '{ worklist(filter: { departmentCode: "streets" }, first: 100) { nodes { ticketNumber } } }',
      {},
      who,
    );
    return tickets(res.data?.worklist?.nodes).filter((t) => t === privateCase.ticket);
  },
  'Query.overdueCases': async (cases, { privateCase }, who) => {
    const res = await cases.query<{ overdueCases: { ticketNumber: string }[] | null }>(
      '{ overdueCases(departmentCode: "streets", first: 200) { ticketNumber } }',
      {},
      who,
    );
    return tickets(res.data?.overdueCases).filter((t) => t === privateCase.ticket);
  },
};

/**
 * Fields for a department's own staff (docs/adr/0058, 0059): the staff above they refuse, and a
 * supervisor of the department, who sees the private case there.
 */
const DEPARTMENT_ONLY: Record<string, (keyof typeof STAFF)[]> = {
  'WorklistPage.nodes': ['AGENT'],
  'Query.overdueCases': ['AGENT', 'CASEWORKER'],
};
const SUPERVISOR = aStaffMember(Role.Supervisor, 'sup-1', 'streets');

/** Fields whose answer is public whoever asks: staff find a private case another way. */
const PUBLIC_LISTS = ['Query.serviceRequests', 'Query.serviceRequestUpdates'];
/**
 * Fields that answer a private case to anyone holding its ticket, with its status alone
 * (docs/adr/0057): their type has no other field (a test below).
 */
const STATUS_ONLY = ['Query.ticketStatus'];
/** Fields refused (not just empty) to some callers by their roles. */
const REFUSED: Record<string, (keyof typeof OUTSIDERS)[]> = {
  'Query.case': ['ANONYMOUS', 'RESIDENT', 'INTEGRATION'],
  'Citizen.cases': ['ANONYMOUS', 'RESIDENT', 'ANALYST', 'INTEGRATION'],
};

const namedType = (type: TypeNode): string =>
  type.kind === Kind.NAMED_TYPE ? type.name.value : namedType(type.type);

/**
 * Every field of the cases subgraph's committed schema that can answer a case's data: it returns
 * `Case`, or a type that names a case by `ticketNumber`; and `_entities`. Mutations are staff
 * writes and answer only the case they were given.
 */
function fieldsThatReadCases(): string[] {
  const sdl = readFileSync(new URL('../../schema.graphql', import.meta.url), 'utf8');
  const objects = parse(sdl).definitions.filter(
    (d): d is ObjectTypeDefinitionNode => d.kind === Kind.OBJECT_TYPE_DEFINITION,
  );
  const naming = new Set(
    objects
      .filter((o) => o.fields?.some((f) => f.name.value === 'ticketNumber'))
      .map((o) => o.name.value),
  );
  return objects
    .filter((o) => o.name.value !== 'Mutation')
    .flatMap((o) =>
      (o.fields ?? [])
        .filter(
          (f: FieldDefinitionNode) =>
            naming.has(namedType(f.type)) ||
            (o.name.value === 'Query' && f.name.value === '_entities'),
        )
        .map((f) => `${o.name.value}.${f.name.value}`),
    )
    .sort();
}

describe('cases: private cases and reporter references are read by staff only (docs/adr/0041)', () => {
  let cases: ServiceHarness<CasesConfig>;
  const fixture = {} as Cases;

  async function open(asPrivate = false): Promise<{ id: string; ticket: string }> {
    const builder = aSubmissionAccepted()
      .via(Channel.WEB)
      .at({ latitude: 40.7, longitude: -74 })
      .withReporter({ email: 'reporter@example.org' });
    const submission = (asPrivate ? builder.asPrivate() : builder).build();
    await cases.publish(SubmissionAccepted, submission);
    let id = '';
    await waitFor(
      async () => {
        const [row] = await cases.database.rows<{ id: string }>(
          'SELECT id FROM service_case WHERE ticket_number = $1',
          [submission.ticketNumber],
        );
        id = row?.id ?? '';
        return Boolean(row);
      },
      { what: `case ${submission.ticketNumber} opened` },
    );
    return { id, ticket: submission.ticketNumber };
  }

  beforeAll(async () => {
    cases = await startServiceHarness({
      ...CASES_APP,
      namespace: 'reads',
      peers: [
        peer(ResolveIdentity, async () => ({ citizenId: REPORTER, match: 'EMAIL' })),
        // Citizen.cases is a personal read: citizens records it before cases answers (ADR 0047).
        peer(RecordPersonalRead, async () => ({ recorded: true })),
      ],
    });
    fixture.publicCase = await open();
    // Private as intake says it is (the reporter asked, or the service is always private).
    fixture.privateCase = await open(true);
    fixture.duplicate = await open();
    fixture.part = await open();
    await cases.database.rows('UPDATE service_case SET parent_case_id = $2 WHERE id = $1', [
      fixture.part.id,
      fixture.privateCase.id,
    ]);
    await cases.database.rows('UPDATE service_case SET parent_case_id = $2 WHERE id = $1', [
      fixture.privateCase.id,
      fixture.publicCase.id,
    ]);
    await cases.database.rows(
      `UPDATE service_case SET split_parts = jsonb_build_array(jsonb_build_object('ticketNumber', $2::text, 'serviceCode', 'pothole')) WHERE id = $1`,
      [fixture.publicCase.id, fixture.privateCase.ticket],
    );
    await cases.database.rows(
      "UPDATE service_case SET status = 'CLOSED', closed_at = now(), duplicate_of_case_id = $2 WHERE id = $1",
      [fixture.duplicate.id, fixture.privateCase.id],
    );
    fixture.possibleDuplicate = await open();
    await cases.database.rows(
      'UPDATE service_case SET possible_duplicate_of_case_id = $2 WHERE id = $1',
      [fixture.possibleDuplicate.id, fixture.privateCase.id],
    );
    // The private case is the streets department's and past due: on its worklist and overdue.
    await cases.database.rows(
      "UPDATE service_case SET department_code = 'streets', due_at = now() - interval '1 hour' WHERE id = $1",
      [fixture.privateCase.id],
    );
  });

  afterAll(() => cases?.dispose());

  it('has a probe for every field that can return a case', () => {
    expect(fieldsThatReadCases()).toEqual(Object.keys(PROBES).sort());
  });

  for (const [field, probe] of Object.entries(PROBES)) {
    it(`${field} never answers a private case to anyone but staff who serve residents`, async () => {
      for (const [name, who] of Object.entries(OUTSIDERS)) {
        const expected = STATUS_ONLY.includes(field) ? [fixture.privateCase.ticket] : [];
        expect({ name, found: await probe(cases, fixture, who) }).toEqual({
          name,
          found: expected,
        });
      }
      for (const [name, who] of Object.entries(STAFF)) {
        const refused = DEPARTMENT_ONLY[field]?.includes(name as keyof typeof STAFF) ?? false;
        const expected =
          PUBLIC_LISTS.includes(field) || refused ? [] : [fixture.privateCase.ticket];
        expect({ name, found: await probe(cases, fixture, who) }).toEqual({
          name,
          found: expected,
        });
      }
      if (field in DEPARTMENT_ONLY) {
        expect(await probe(cases, fixture, SUPERVISOR)).toEqual([fixture.privateCase.ticket]);
      }
    });
  }

  it('refuses by role where the field says so, and otherwise answers nothing', async () => {
    for (const [field, callers] of Object.entries(REFUSED)) {
      for (const name of callers) {
        const res = await cases.query(
          field === 'Query.case'
            ? 'query($id: ID!) { case(id: $id) { ticketNumber } }'
            : 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Citizen { cases { ticketNumber } } } }',
          field === 'Query.case'
            ? { id: fixture.privateCase.id }
            : { r: [{ __typename: 'Citizen', id: REPORTER }] },
          OUTSIDERS[name],
        );
        expect({ field, name, codes: res.errors?.map((e) => e.extensions?.code) }).toEqual({
          field,
          name,
          codes: [name === 'ANONYMOUS' ? 'UNAUTHENTICATED' : 'FORBIDDEN'],
        });
      }
    }
  });

  it('tells anyone holding a private ticket its status and nothing else', async () => {
    const sdl = readFileSync(new URL('../../schema.graphql', import.meta.url), 'utf8');
    const statusType = parse(sdl).definitions.find(
      (d): d is ObjectTypeDefinitionNode =>
        d.kind === Kind.OBJECT_TYPE_DEFINITION && d.name.value === 'TicketStatus',
    );
    expect(statusType?.fields?.map((f) => f.name.value).sort()).toEqual([
      'private',
      'status',
      'ticketNumber',
    ]);
    for (const who of [...Object.values(OUTSIDERS), ...Object.values(STAFF)]) {
      const res = await cases.query<{ ticketStatus: unknown }>(
        'query($t: String!) { ticketStatus(ticketNumber: $t) { ticketNumber status private } }',
        { t: fixture.privateCase.ticket },
        who,
      );
      expect(res.data?.ticketStatus).toEqual({
        ticketNumber: fixture.privateCase.ticket,
        status: 'NEW',
        private: true,
      });
    }
    const unknown = await cases.query<{ ticketStatus: unknown }>(
      '{ ticketStatus(ticketNumber: "CIV-1999-0000000") { status } }',
    );
    expect(unknown.data?.ticketStatus).toBeNull();
  });

  it('still tracks a public case for anyone', async () => {
    for (const who of [...Object.values(OUTSIDERS), ...Object.values(STAFF)]) {
      const res = await cases.query<{ caseByTicket: { ticketNumber: string } | null }>(
        'query($t: String!) { caseByTicket(ticketNumber: $t) { ticketNumber } }',
        { t: fixture.publicCase.ticket },
        who,
      );
      expect(res.data?.caseByTicket?.ticketNumber).toBe(fixture.publicCase.ticket);
    }
  });

  it('gives the reporter reference to staff who serve residents only', async () => {
    const read = async (who: Partial<Identity> | undefined) => {
      const res = await cases.query<{
        serviceRequests: { reporterId: string | null }[];
        caseByTicket: { reporterId: string | null } | null;
        _entities: { reporterId: string | null }[];
      }>(
        `query($t: String!, $r: [_Any!]!) {
          serviceRequests(filter: { ticketNumbers: [$t] }) { reporterId }
          caseByTicket(ticketNumber: $t) { reporterId }
          _entities(representations: $r) { ... on Case { reporterId } }
        }`,
        { t: fixture.publicCase.ticket, r: [{ __typename: 'Case', id: fixture.publicCase.id }] },
        who,
      );
      expect(res.errors).toBeUndefined();
      return [
        ...res.data!.serviceRequests.map((c) => c.reporterId),
        res.data!.caseByTicket?.reporterId,
        ...res.data!._entities.map((c) => c.reporterId),
      ];
    };
    for (const who of Object.values(OUTSIDERS)) {
      expect(await read(who)).toEqual([null, null, null]);
    }
    for (const who of Object.values(STAFF)) {
      expect(await read(who)).toEqual([REPORTER, REPORTER, REPORTER]);
    }
  });

  it('answers a body over the subgraph limit with a GraphQL error and no stack trace', async () => {
    const res = await fetch(cases.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...gatewayHeaders(AGENT) },
      body: JSON.stringify({
        query: '{ __typename }',
        variables: { padding: 'x'.repeat(SUBGRAPH_MAX_BODY_BYTES) },
      }),
    });
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({
      errors: [
        {
          message: `Request body is larger than ${SUBGRAPH_MAX_BODY_BYTES} bytes`,
          extensions: { code: 'PAYLOAD_TOO_LARGE' },
        },
      ],
    });
  });
});
