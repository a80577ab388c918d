import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  CasesCitizenRequests,
  IntakeCitizenSubmissions,
  ResolveIdentity,
  Role,
  type CitizenRequestRow,
  type CitizenSubmissionRow,
  type RequestListPosition,
} from '@civitas/contracts';
import {
  aResident,
  aResolveIdentityRequest,
  aStaffMember,
  errorCodes,
  type ServiceHarness,
  startServiceHarness,
} from '@civitas/testing';
import { CITIZENS_APP } from '../app.module.js';
import type { CitizensConfig } from '../config/citizens.config.js';

const AGENT = aStaffMember(Role.Agent, 'agent-13');
const SUPERVISOR = aStaffMember(Role.Supervisor, 'supervisor-13');
const ADMIN = aStaffMember(Role.Admin, 'admin-13');
const IRIS = aResident('login|iris');
const JUAN = aResident('login|juan');
const NOT_LINKED = aResident('login|nobody-yet');

const MY_REQUESTS = `query($first: Int, $after: String) {
  myRequests(first: $first, after: $after) {
    nodes { ticketNumber serviceCode service { code } status receivedAt changedAt closedAt }
    endCursor hasNextPage signInLinked
  }
}`;

interface Page {
  nodes: {
    ticketNumber: string;
    serviceCode: string;
    service: { code: string };
    status: string;
    receivedAt: string;
    changedAt: string;
    closedAt: string | null;
  }[];
  endCursor: string | null;
  hasNextPage: boolean;
  signInLinked: boolean;
}

const at = (minute: number) => `2026-12-07T10:${String(minute).padStart(2, '0')}:00.000000Z`;

/** Newest first, strictly before `before`, as both services order a resident's list. */
function pageOf<T extends { receivedAt: string; ticketNumber: string }>(
  rows: T[],
  first: number,
  before?: RequestListPosition,
): T[] {
  return rows
    .filter(
      (r) =>
        !before ||
        r.receivedAt < before.receivedAt ||
        (r.receivedAt === before.receivedAt && r.ticketNumber < before.ticketNumber),
    )
    .sort((a, b) => b.receivedAt.localeCompare(a.receivedAt))
    .slice(0, first);
}

/*
 * `myRequests` in citizens (docs/adr/0096), intake and cases played over the bus: the resident is
 * found from their sign-in, intake answers what they submitted that is not opened yet, cases their
 * cases and which of those tickets have a case by now; citizens merges the two into pages.
 */
describe("a resident's own requests (citizens, Postgres + NATS)", () => {
  let svc: ServiceHarness<CitizensConfig>;
  let iris: string;
  let juan: string;
  const asked: { intake: unknown[]; cases: unknown[] } = { intake: [], cases: [] };

  // Iris: two cases (one closed) and one report intake acknowledged that has no case yet, plus
  // one she entered that opened as someone else's (she typed their contact): not hers.
  const irisCases: CitizenRequestRow[] = [
    {
      ticketNumber: 'SR-2026-0000001',
      serviceCode: 'pothole',
      status: 'CLOSED' as CitizenRequestRow['status'],
      receivedAt: at(1),
      changedAt: at(30),
      closedAt: at(30),
    },
    {
      ticketNumber: 'SR-2026-0000003',
      serviceCode: 'graffiti',
      status: 'IN_PROGRESS' as CitizenRequestRow['status'],
      receivedAt: at(3),
      changedAt: at(20),
    },
  ];
  const irisUnopened: CitizenSubmissionRow[] = [
    { ticketNumber: 'SR-2026-0000004', serviceCode: 'streetlight', receivedAt: at(4) },
    { ticketNumber: 'SR-2026-0000002', serviceCode: 'pothole', receivedAt: at(2) },
  ];
  const openedAsSomeoneElses = new Set(['SR-2026-0000002']);
  const juanCases: CitizenRequestRow[] = [
    {
      ticketNumber: 'SR-2026-0000009',
      serviceCode: 'pothole',
      status: 'OPEN' as CitizenRequestRow['status'],
      receivedAt: at(9),
      changedAt: at(10),
    },
  ];

  const resolve = async (firstName: string) =>
    (
      await svc.ask(
        ResolveIdentity,
        aResolveIdentityRequest({
          contact: { firstName, lastName: 'Test', postalAddress: `1 ${firstName} St` },
        }),
      )
    ).citizenId!;

  /** Links `sub` to the resident on a supervisor's approval (ADR 0040). */
  async function link(citizenId: string, sub: string) {
    const requested = await svc.query<{ requestLoginLink: { id: string } }>(
      'mutation($c: ID!, $s: String!) { requestLoginLink(citizenId: $c, sub: $s, reason: "seen at the counter") { id } }',
      { c: citizenId, s: sub },
      AGENT,
    );
    const decided = await svc.query(
      'mutation($id: ID!) { decideLoginLink(id: $id, approve: true) { status } }',
      { id: requested.data!.requestLoginLink.id },
      SUPERVISOR,
    );
    expect(decided.errors).toBeUndefined();
  }

  const list = (who: Partial<typeof IRIS>, variables: Record<string, unknown> = {}) =>
    svc.query<{ myRequests: Page }>(MY_REQUESTS, variables, who);

  beforeAll(async () => {
    svc = await startServiceHarness({ ...CITIZENS_APP });
    iris = await resolve('Iris');
    juan = await resolve('Juan');
    await link(iris, IRIS.sub!);
    await link(juan, JUAN.sub!);
    svc.respondAs(IntakeCitizenSubmissions, async (q) => {
      asked.intake.push(q);
      return {
        submissions: pageOf(q.sub === IRIS.sub ? irisUnopened : [], q.first, q.before),
      };
    });
    svc.respondAs(CasesCitizenRequests, async (q) => {
      asked.cases.push(q);
      const rows = q.citizenId === iris ? irisCases : q.citizenId === juan ? juanCases : [];
      const opened = q.tickets.filter(
        (t) => openedAsSomeoneElses.has(t) || rows.some((r) => r.ticketNumber === t),
      );
      return { requests: pageOf(rows, q.first, q.before), opened };
    });
  });

  afterAll(async () => {
    await svc?.dispose();
  });

  it('lists her cases and the report not opened yet as NEW, newest first, nobody else’s', async () => {
    const res = await list(IRIS);
    expect(res.errors).toBeUndefined();
    expect(res.data!.myRequests).toEqual({
      nodes: [
        {
          ticketNumber: 'SR-2026-0000004',
          serviceCode: 'streetlight',
          service: { code: 'streetlight' },
          status: 'NEW',
          receivedAt: '2026-12-07T10:04:00.000Z',
          changedAt: '2026-12-07T10:04:00.000Z',
          closedAt: null,
        },
        expect.objectContaining({ ticketNumber: 'SR-2026-0000003', status: 'IN_PROGRESS' }),
        {
          ticketNumber: 'SR-2026-0000001',
          serviceCode: 'pothole',
          service: { code: 'pothole' },
          status: 'CLOSED',
          receivedAt: '2026-12-07T10:01:00.000Z',
          changedAt: '2026-12-07T10:30:00.000Z',
          closedAt: '2026-12-07T10:30:00.000Z',
        },
      ],
      endCursor: expect.any(String),
      hasNextPage: false,
      signInLinked: true,
    });
    // Intake was asked by her sign-in, cases by her record with intake's tickets.
    expect(asked.intake.at(-1)).toEqual({ sub: IRIS.sub, first: 21 });
    expect(asked.cases.at(-1)).toEqual({
      citizenId: iris,
      first: 21,
      tickets: ['SR-2026-0000004', 'SR-2026-0000002'],
    });

    const his = await list(JUAN);
    expect(his.data!.myRequests.nodes.map((n) => n.ticketNumber)).toEqual(['SR-2026-0000009']);
  });

  it('pages with first and after, each row once', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 3; page += 1) {
      const res = await list(IRIS, { first: 1, after });
      expect(res.errors).toBeUndefined();
      seen.push(...res.data!.myRequests.nodes.map((n) => n.ticketNumber));
      expect(res.data!.myRequests.hasNextPage).toBe(page < 2);
      after = res.data!.myRequests.endCursor;
    }
    expect(seen).toEqual(['SR-2026-0000004', 'SR-2026-0000003', 'SR-2026-0000001']);
    expect(asked.cases.at(-1)).toMatchObject({
      first: 2,
      before: { receivedAt: at(3), ticketNumber: 'SR-2026-0000003' },
    });
    const past = await list(IRIS, { first: 1, after });
    expect(past.data!.myRequests).toEqual({
      nodes: [],
      endCursor: null,
      hasNextPage: false,
      signInLinked: true,
    });
  });

  it('names the argument past the limit or not a cursor it gave', async () => {
    for (const first of [0, 101]) {
      const res = await list(IRIS, { first });
      expect(errorCodes(res)).toEqual(['BAD_USER_INPUT']);
      expect(res.errors![0].extensions!.fields).toEqual([
        { field: 'first', reason: 'must be between 1 and 100' },
      ]);
    }
    const wrong = await list(IRIS, { after: 'not-a-cursor' });
    expect(errorCodes(wrong)).toEqual(['BAD_USER_INPUT']);
    expect(wrong.errors![0].extensions!.fields).toEqual([
      { field: 'after', reason: 'is not a cursor given by myRequests' },
    ]);
  });

  it('is audited as a self-access of her requests, not as an export', async () => {
    await list(IRIS);
    const audit = await svc.query<{ auditLog: { purpose: string; fields: string[] }[] }>(
      'query($id: ID!) { auditLog(citizenId: $id) { purpose fields } }',
      { id: iris },
      ADMIN,
    );
    expect(audit.data!.auditLog[0]).toEqual({ purpose: 'self-access', fields: ['requests'] });
    expect(audit.data!.auditLog.some((a) => a.purpose.includes('requestMyData'))).toBe(false);
  });

  it('answers an empty list to a resident whose sign-in is not linked yet, asking nobody', async () => {
    const before = asked.intake.length;
    const res = await list(NOT_LINKED);
    expect(res.errors).toBeUndefined();
    expect(res.data!.myRequests).toEqual({
      nodes: [],
      endCursor: null,
      hasNextPage: false,
      signInLinked: false,
    });
    expect(asked.intake.length).toBe(before);
  });

  it('refuses anonymous callers and staff', async () => {
    expect(errorCodes(await list({}))).toEqual(['UNAUTHENTICATED']);
    for (const staff of [AGENT, SUPERVISOR, ADMIN]) {
      expect(errorCodes(await list(staff))).toEqual(['FORBIDDEN']);
    }
  });
});
