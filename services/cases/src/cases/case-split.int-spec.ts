import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Consumer } from '@nats-io/jetstream';
import {
  CaseRouted,
  Role,
  SplitSubmission,
  StatusChanged,
  SubmissionAccepted,
  type Envelope,
  type Identity,
  type SplitSubmissionRequest,
  type StatusChangedV1,
} from '@civitas/contracts';
import {
  aCaseRouted,
  aSubmissionAccepted,
  errorCodes,
  nextMatching,
  startServiceHarness,
  waitFor,
  type GraphqlResponse,
  type ServiceHarness,
  aResident,
  aStaffMember,
} from '@civitas/testing';
import { CASES_APP } from '../app.module.js';
import type { CasesConfig } from '../config/cases.config.js';

const STREETS_WORKER = aStaffMember(Role.Caseworker, 'cw-streets', 'streets');
const PARKS_WORKER = aStaffMember(Role.Caseworker, 'cw-parks', 'parks');
const AGENT = aStaffMember(Role.Agent, 'agent-1');
const ANALYST = aStaffMember(Role.Analyst, 'analyst-1');
const RESIDENT = aResident('login|ana');

const SPLIT = `mutation Split($input: SplitCaseInput!) {
  splitCase(input: $input) { ticketNumber status children { ticketNumber } }
}`;
const CHANGE = `mutation Change($input: ChangeCaseStatusInput!) {
  changeCaseStatus(input: $input) { status }
}`;
const FAMILY = `query Family($t: String!) {
  caseByTicket(ticketNumber: $t) {
    id ticketNumber status
    parent { ticketNumber }
    children { ticketNumber status service { code } parent { ticketNumber } }
    timeline { kind visibility summary }
  }
}`;

interface Family {
  caseByTicket: {
    id: string;
    ticketNumber: string;
    status: string;
    parent: { ticketNumber: string } | null;
    children: {
      ticketNumber: string;
      status: string;
      service: { code: string };
      parent: { ticketNumber: string } | null;
    }[];
    timeline: { kind: string; visibility: string; summary: string }[];
  } | null;
}
interface Split {
  splitCase: { ticketNumber: string; status: string; children: { ticketNumber: string }[] } | null;
}

describe('cases: staff split a case into parts routed on their own (Postgres + NATS)', () => {
  let cases: ServiceHarness<CasesConfig>;
  let statusChanges: Consumer;
  /** What intake was asked, in order: its stand-in numbers the parts and opens them. */
  const asked: SplitSubmissionRequest[] = [];
  /** Intake's answer when set: a refusal instead of accepting the parts. */
  let intakeRefusal: Error | null = null;

  beforeAll(async () => {
    cases = await startServiceHarness(CASES_APP);
    statusChanges = await cases.probe(StatusChanged);
    // Intake's side: each part gets a ticket and its own submission-accepted, naming the parent.
    cases.respondAs(SplitSubmission, async (request) => {
      asked.push(request);
      if (intakeRefusal) {
        throw intakeRefusal;
      }
      const parts = request.parts.map((part) =>
        aSubmissionAccepted()
          .forService(part.serviceCode)
          .describedAs(part.description)
          .at({ latitude: 40.71, longitude: -74.0 })
          .partOf(request.parentTicketNumber)
          .build(),
      );
      for (const part of parts) {
        await cases.publish(SubmissionAccepted, part);
      }
      return {
        children: parts.map((p) => ({
          ticketNumber: p.ticketNumber,
          submissionId: p.submissionId,
          serviceCode: p.serviceCode,
          private: false,
        })),
      };
    });
  });

  afterAll(() => cases?.dispose());

  const family = async (ticket: string, who?: Partial<Identity>) =>
    (await cases.query<Family>(FAMILY, { t: ticket }, who)).data!.caseByTicket!;

  const split = (
    who: Partial<Identity> | undefined,
    ticketNumber: string,
    parts: { serviceCode: string; description: string }[],
  ): Promise<GraphqlResponse<Split>> =>
    cases.query<Split>(SPLIT, { input: { ticketNumber, parts } }, who);

  const fieldsOf = (res: GraphqlResponse<unknown>) =>
    (res.errors?.[0]?.extensions?.fields as { field: string }[] | undefined)?.map((f) => f.field);

  /** A case opened and routed to `department`, as intake and routing would leave it. */
  async function routedCase(department = 'streets', ticketNumber?: string): Promise<string> {
    let ticket = ticketNumber;
    if (!ticket) {
      const submission = aSubmissionAccepted().at({ latitude: 40.71, longitude: -74.0 }).build();
      ticket = submission.ticketNumber;
      await cases.publish(SubmissionAccepted, submission);
    }
    const opened = await waitFor(
      async () =>
        (await cases.query<Family>(FAMILY, { t: ticket }, STREETS_WORKER)).data?.caseByTicket,
      { what: `case ${ticket} opened` },
    );
    await cases.publish(
      CaseRouted,
      aCaseRouted()
        .forCase({ caseId: opened.id, ticketNumber: ticket })
        .toDepartment(department, `${department}.general`)
        .build(),
    );
    await waitFor(async () => (await family(ticket)).status === 'OPEN', {
      what: `case ${ticket} routed`,
    });
    return ticket;
  }

  const TWO_PARTS = [
    { serviceCode: 'pothole', description: 'The pothole outside number 12' },
    { serviceCode: 'tree-down', description: 'The fallen branch across the path' },
  ];

  it('splits a case into parts routed to two departments; the parent closes with its last part, and reopens with one', async () => {
    const parent = await routedCase('streets');
    const res = await split(STREETS_WORKER, parent, TWO_PARTS);
    expect(res.errors).toBeUndefined();
    expect(res.data!.splitCase!.ticketNumber).toBe(parent);
    expect(asked.at(-1)).toMatchObject({
      parentTicketNumber: parent,
      parts: TWO_PARTS,
      private: false,
      splitBy: 'cw-streets',
    });

    // The parent names its parts at once, on its public timeline.
    const [a, b] = await waitFor(
      async () => {
        const found = await family(parent);
        return found.children.length === 2 ? found.children : undefined;
      },
      { what: `the parts of ${parent} opened` },
    );
    expect([a.service.code, b.service.code]).toEqual(['pothole', 'tree-down']);
    expect(a.parent).toEqual({ ticketNumber: parent });
    const parentView = await family(parent);
    expect(parentView.timeline).toContainEqual({
      kind: 'SPLIT',
      visibility: 'PUBLIC',
      summary: `Split into ${a.ticketNumber}, ${b.ticketNumber}`,
    });
    expect((await family(a.ticketNumber)).timeline).toContainEqual({
      kind: 'SPLIT',
      visibility: 'PUBLIC',
      summary: `Split from ${parent}`,
    });

    // Each part is routed on its own, to the department of its service.
    await routedCase('streets', a.ticketNumber);
    await routedCase('parks', b.ticketNumber);
    const tracked = await family(parent);
    expect(tracked.children.map((c) => c.status)).toEqual(['OPEN', 'OPEN']);

    // Closing one part leaves the parent open; the last closes it, with one status change.
    const closeA = await cases.query(
      CHANGE,
      { input: { ticketNumber: a.ticketNumber, status: 'CLOSED', publicNote: 'Filled' } },
      STREETS_WORKER,
    );
    expect(closeA.errors).toBeUndefined();
    expect((await family(parent)).status).toBe('OPEN');
    const parentClosed = nextMatching<Envelope<StatusChangedV1>>(
      statusChanges,
      (e) => e.payload.ticketNumber === parent && e.payload.to === 'CLOSED',
    );
    const closeB = await cases.query(
      CHANGE,
      { input: { ticketNumber: b.ticketNumber, status: 'CLOSED', publicNote: 'Cleared' } },
      PARKS_WORKER,
    );
    expect(closeB.errors).toBeUndefined();
    expect((await parentClosed).payload).toMatchObject({ from: 'OPEN', to: 'CLOSED' });
    const closedParent = await family(parent);
    expect(closedParent.status).toBe('CLOSED');
    expect(closedParent.timeline.at(-1)).toEqual({
      kind: 'STATUS_CHANGED',
      visibility: 'PUBLIC',
      summary: `Closed: every part is closed (${a.ticketNumber}, ${b.ticketNumber})`,
    });
    // The resident tracking the parent (anonymous) sees every part's status.
    expect((await family(parent)).children.map((c) => c.status)).toEqual(['CLOSED', 'CLOSED']);

    // A part reopened reopens the parent.
    const reopen = await cases.query(
      CHANGE,
      { input: { ticketNumber: b.ticketNumber, status: 'OPEN' } },
      PARKS_WORKER,
    );
    expect(reopen.errors).toBeUndefined();
    const reopened = await family(parent);
    expect(reopened.status).toBe('OPEN');
    expect(reopened.timeline.at(-1)!.summary).toBe(`Reopened: part ${b.ticketNumber} was reopened`);
  });

  it('answers the same split again without a second set of parts, and refuses other parts', async () => {
    const parent = await routedCase('streets');
    expect((await split(AGENT, parent, TWO_PARTS)).errors).toBeUndefined();
    const askedBefore = asked.length;
    const again = await split(AGENT, parent, TWO_PARTS);
    expect(again.errors).toBeUndefined();
    expect(asked).toHaveLength(askedBefore);
    const other = await split(AGENT, parent, [TWO_PARTS[0]]);
    expect(errorCodes(other)).toEqual(['CASE_ALREADY_SPLIT']);
    expect(fieldsOf(other)).toEqual(['ticketNumber']);
    const children = await waitFor(
      async () => {
        const found = await family(parent);
        return found.children.length === 2 ? found.children : undefined;
      },
      { what: `the parts of ${parent} opened` },
    );
    // A part is not split again.
    await routedCase('streets', children[0].ticketNumber);
    const nested = await split(STREETS_WORKER, children[0].ticketNumber, TWO_PARTS);
    expect(errorCodes(nested)).toEqual(['CASE_IS_PART_OF_SPLIT']);
  });

  it('refuses callers outside the roles and departments, closed cases and bad parts, naming the field', async () => {
    const parent = await routedCase('streets');
    const askedBefore = asked.length;
    for (const [who, code] of [
      [undefined, 'UNAUTHENTICATED'],
      [RESIDENT, 'FORBIDDEN'],
      [ANALYST, 'FORBIDDEN'],
      [PARKS_WORKER, 'FORBIDDEN'],
    ] as const) {
      expect(errorCodes(await split(who, parent, TWO_PARTS))).toEqual([code]);
    }
    const blank = await split(STREETS_WORKER, parent, [
      TWO_PARTS[0],
      { serviceCode: ' ', description: 'x' },
    ]);
    expect(errorCodes(blank)).toEqual(['BAD_USER_INPUT']);
    expect(fieldsOf(blank)).toEqual(['parts[1].serviceCode']);
    const none = await split(STREETS_WORKER, parent, []);
    expect(fieldsOf(none)).toEqual(['parts']);
    expect(asked).toHaveLength(askedBefore);

    // Intake failing leaves the case as it was: no parts recorded.
    intakeRefusal = new Error('unknown service');
    try {
      const refused = await split(STREETS_WORKER, parent, TWO_PARTS);
      expect(refused.errors).toBeDefined();
      expect((await family(parent)).children).toEqual([]);
    } finally {
      intakeRefusal = null;
    }

    const closed = await cases.query(
      CHANGE,
      { input: { ticketNumber: parent, status: 'CLOSED', publicNote: 'Done' } },
      STREETS_WORKER,
    );
    expect(closed.errors).toBeUndefined();
    const late = await split(STREETS_WORKER, parent, TWO_PARTS);
    expect(errorCodes(late)).toEqual(['CASE_CLOSED']);
  });
});
