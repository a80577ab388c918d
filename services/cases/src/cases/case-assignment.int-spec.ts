import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  AssignmentReason,
  CaseAssigned,
  CaseRouted,
  GetDepartmentQueues,
  Priority,
  QueueAssignment,
  Role,
  SubmissionAccepted,
  type CaseAssignedV1,
  type Envelope,
  type Identity,
} from '@civitas/contracts';
import { pendingSchemaDrift } from '@civitas/persistence';
import {
  aCaseRouted,
  aSubmissionAccepted,
  nextMatching,
  peer,
  startServiceHarness,
  waitFor,
  type GraphqlResponse,
  type ServiceHarness,
  aStaffMember,
} from '@civitas/testing';
import type { Consumer } from '@nats-io/jetstream';
import { CASES_APP } from '../app.module.js';
import type { CasesConfig } from '../config/cases.config.js';

const HOUR = 3_600_000;
const ADMIN = aStaffMember(Role.Admin, 'admin-1');
const STREETS_BOSS = aStaffMember(Role.Supervisor, 'sup-streets', 'streets');
const PARKS_BOSS = aStaffMember(Role.Supervisor, 'sup-parks', 'parks');
const worker = (sub: string, departments = ['streets']) =>
  aStaffMember(Role.Caseworker, sub, ...departments);

/** Routing's queues, as the test plays routing. */
const QUEUES = [
  { code: 'streets.general', departmentCode: 'streets', assignment: QueueAssignment.ROUND_ROBIN },
  { code: 'streets.potholes', departmentCode: 'streets', assignment: QueueAssignment.LEAST_LOADED },
  { code: 'streets.signals', departmentCode: 'streets', assignment: QueueAssignment.LEAST_LOADED },
  { code: 'streets.manual', departmentCode: 'streets', assignment: QueueAssignment.MANUAL },
  { code: 'parks.general', departmentCode: 'parks', assignment: QueueAssignment.MANUAL },
];

const SAVE_STAFF = `mutation($input: SaveStaffMemberInput!) {
  saveStaffMember(input: $input) { subject name email departmentCodes queueCodes capacity active }
}`;
const CASE = `query($t: String!) {
  caseByTicket(ticketNumber: $t) {
    id status assignee { subject name }
    timeline { kind visibility summary author }
  }
}`;
const CLAIM = `mutation($t: String!) { claimCase(ticketNumber: $t) { ticketNumber assignee { subject name } } }`;
const UNASSIGN = `mutation($t: String!) { unassignCase(ticketNumber: $t) { assignee { subject } } }`;
const ASSIGN = `mutation($input: AssignCaseInput!) { assignCase(input: $input) { assignee { subject name } } }`;
const WORKLIST = `query($filter: WorklistFilterInput, $sort: WorklistSort, $first: Int, $after: String) {
  worklist(filter: $filter, sort: $sort, first: $first, after: $after) {
    nodes { ticketNumber priority dueAt assignee { subject } }
    endCursor hasNextPage
  }
}`;
const WORKLOAD = `query($d: String!) { workload(departmentCode: $d) { subject name open atRisk overdue capacity active } }`;

interface Tracked {
  caseByTicket: {
    id: string;
    status: string;
    assignee: { subject: string; name: string } | null;
    timeline: { kind: string; visibility: string; summary: string; author: string | null }[];
  } | null;
}
interface Worklist {
  worklist: {
    nodes: {
      ticketNumber: string;
      priority: string;
      dueAt: string;
      assignee: { subject: string } | null;
    }[];
    endCursor: string | null;
    hasNextPage: boolean;
  };
}

/**
 * Staff, queues' assignment policies and worklists in cases (docs/adr/0059), with routing played
 * over the bus. Each test works in a queue (or department) of its own, so their counts never mix.
 */
describe('cases: who works which case', () => {
  let cases: ServiceHarness<CasesConfig>;
  let assignments: Consumer;

  beforeAll(async () => {
    cases = await startServiceHarness({
      ...CASES_APP,
      peers: [
        peer(GetDepartmentQueues, async ({ departmentCodes, queueCodes }) => ({
          departmentCodes: departmentCodes.filter((d) => ['streets', 'parks', 'water'].includes(d)),
          queues: QUEUES.filter((q) => queueCodes.includes(q.code)),
        })),
      ],
    });
    assignments = await cases.probe(CaseAssigned);
  });

  afterAll(() => cases?.dispose());

  const codeOf = (res: GraphqlResponse<unknown>) => res.errors?.[0]?.extensions?.code;
  const fieldsOf = (res: GraphqlResponse<unknown>) =>
    (res.errors?.[0]?.extensions?.fields as { field: string }[] | undefined)?.map((f) => f.field);

  async function saveStaff(
    input: Record<string, unknown>,
    who: Partial<Identity> = ADMIN,
  ): Promise<GraphqlResponse<unknown>> {
    return cases.query(
      SAVE_STAFF,
      {
        input: {
          name: `Name of ${String(input.subject)}`,
          email: `${String(input.subject)}@city.example`,
          departmentCodes: ['streets'],
          queueCodes: [],
          capacity: null,
          active: true,
          ...input,
        },
      },
      who,
    );
  }

  const track = async (ticket: string) =>
    (await cases.query<Tracked>(CASE, { t: ticket }, ADMIN)).data!.caseByTicket!;

  /** A case opened and routed to `queue` with that queue's policy, due in `dueIn` hours. */
  async function routedCase(
    queue: string,
    {
      dueIn = 24,
      priority = Priority.NORMAL,
      department = queue.split('.')[0],
    }: { dueIn?: number; priority?: Priority; department?: string } = {},
  ): Promise<string> {
    const submission = aSubmissionAccepted().build();
    await cases.publish(SubmissionAccepted, submission);
    const opened = await waitFor(
      async () =>
        (await cases.query<Tracked>(CASE, { t: submission.ticketNumber }, ADMIN)).data
          ?.caseByTicket,
      {
        what: `case ${submission.ticketNumber} opened`,
      },
    );
    const policy = QUEUES.find((q) => q.code === queue)?.assignment ?? QueueAssignment.MANUAL;
    await cases.publish(
      CaseRouted,
      aCaseRouted()
        .forCase({ caseId: opened.id, ticketNumber: submission.ticketNumber })
        .toDepartment(department, queue)
        .withPriority(priority)
        .due(new Date(Date.now() + dueIn * HOUR))
        .withAssignment(policy)
        .build(),
    );
    await waitFor(async () => (await track(submission.ticketNumber)).status === 'OPEN', {
      what: `case ${submission.ticketNumber} routed`,
    });
    return submission.ticketNumber;
  }

  const assigneeOf = async (ticket: string) => (await track(ticket)).assignee?.subject ?? null;

  it('keeps the schema as the migrations leave it', async () => {
    expect(await pendingSchemaDrift(await cases.database.dataSource())).toEqual([]);
  });

  it('refuses staff with unknown departments or queues, a queue of another department, a bad e-mail or capacity, naming the field', async () => {
    const unknownQueue = await saveStaff({ subject: 'x1', queueCodes: ['streets.nowhere'] });
    expect([codeOf(unknownQueue), fieldsOf(unknownQueue)]).toEqual([
      'UNKNOWN_QUEUE',
      ['queueCodes'],
    ]);
    const otherDepartment = await saveStaff({ subject: 'x1', queueCodes: ['parks.general'] });
    expect([codeOf(otherDepartment), fieldsOf(otherDepartment)]).toEqual([
      'QUEUE_NOT_IN_DEPARTMENT',
      ['queueCodes'],
    ]);
    const unknownDepartment = await saveStaff({ subject: 'x1', departmentCodes: ['mars'] });
    expect([codeOf(unknownDepartment), fieldsOf(unknownDepartment)]).toEqual([
      'UNKNOWN_DEPARTMENT',
      ['departmentCodes'],
    ]);
    const badEmail = await saveStaff({ subject: 'x1', email: 'not an address' });
    expect([codeOf(badEmail), fieldsOf(badEmail)]).toEqual(['BAD_USER_INPUT', ['email']]);
    const badCapacity = await saveStaff({ subject: 'x1', capacity: 0 });
    expect([codeOf(badCapacity), fieldsOf(badCapacity)]).toEqual(['BAD_USER_INPUT', ['capacity']]);
    const list = await cases.query<{ staff: { subject: string }[] }>(
      '{ staff { subject } }',
      {},
      ADMIN,
    );
    expect(list.data!.staff.map((s) => s.subject)).not.toContain('x1');
  });

  it('lets supervisors save only people of their departments, and list only those', async () => {
    expect(
      (await saveStaff({ subject: 'p-ann', departmentCodes: ['parks'] }, PARKS_BOSS)).errors,
    ).toBeUndefined();
    // Someone of parks moved into streets by streets' supervisor: parks is not theirs to give away.
    const foreign = await saveStaff(
      { subject: 'p-ann', departmentCodes: ['streets'], name: 'Taken' },
      STREETS_BOSS,
    );
    expect([codeOf(foreign), fieldsOf(foreign)]).toEqual(['FORBIDDEN', ['subject']]);
    const intoTheirs = await saveStaff(
      { subject: 'p-bob', departmentCodes: ['parks'] },
      STREETS_BOSS,
    );
    expect([codeOf(intoTheirs), fieldsOf(intoTheirs)]).toEqual(['FORBIDDEN', ['departmentCodes']]);
    const seen = await cases.query<{ staff: { subject: string }[] }>(
      '{ staff { subject } }',
      {},
      PARKS_BOSS,
    );
    expect(seen.data!.staff.map((s) => s.subject)).toEqual(['p-ann']);
    expect(codeOf(await cases.query('{ staff { subject } }', {}, worker('cw')))).toBe('FORBIDDEN');
  });

  it('gives a ROUND_ROBIN queue’s cases in turn, on the timeline and the bus', async () => {
    for (const subject of ['rr-a', 'rr-b']) {
      expect(
        (await saveStaff({ subject, queueCodes: ['streets.general'] })).errors,
      ).toBeUndefined();
    }
    const tickets: string[] = [];
    for (let i = 0; i < 4; i += 1) {
      tickets.push(await routedCase('streets.general'));
    }
    const given = await Promise.all(
      tickets.map((t) => waitFor(() => assigneeOf(t), { what: `${t} assigned` })),
    );
    expect(given).toEqual(['rr-a', 'rr-b', 'rr-a', 'rr-b']);

    const first = await track(tickets[0]);
    expect(first.assignee).toEqual({ subject: 'rr-a', name: 'Name of rr-a' });
    expect(first.timeline.find((e) => e.kind === 'ASSIGNED')).toEqual({
      kind: 'ASSIGNED',
      visibility: 'INTERNAL',
      summary: "Assigned to Name of rr-a by the queue's policy",
      author: null,
    });
    const event = await nextMatching<Envelope<CaseAssignedV1>>(
      assignments,
      (e) => e.payload.ticketNumber === tickets[0],
    );
    expect(event.payload).toMatchObject({
      caseId: first.id,
      departmentCode: 'streets',
      queueCode: 'streets.general',
      assigneeSubject: 'rr-a',
      previousAssigneeSubject: null,
      reason: AssignmentReason.AUTOMATIC,
      assignedBy: null,
    });
    // A resident tracking the case learns nothing of who works it.
    const anonymous = await cases.query<Tracked>(CASE, { t: tickets[0] });
    expect(anonymous.data!.caseByTicket!.assignee).toBeNull();
    expect(anonymous.data!.caseByTicket!.timeline.map((e) => e.kind)).not.toContain('ASSIGNED');
  });

  it('gives a LEAST_LOADED queue’s case to whoever has fewest open cases, never beyond capacity, and skips the inactive', async () => {
    await saveStaff({ subject: 'll-busy', queueCodes: ['streets.potholes'], capacity: 5 });
    await saveStaff({ subject: 'll-full', queueCodes: ['streets.potholes'], capacity: 1 });
    await saveStaff({ subject: 'll-off', queueCodes: ['streets.potholes'], active: false });
    const busyWork = await routedCase('streets.manual');
    expect(
      (
        await cases.query(
          ASSIGN,
          { input: { ticketNumber: busyWork, assigneeSubject: 'll-busy' } },
          STREETS_BOSS,
        )
      ).errors,
    ).toBeUndefined();

    const first = await routedCase('streets.potholes');
    expect(await waitFor(() => assigneeOf(first), { what: 'first assigned' })).toBe('ll-full');
    // ll-full is at capacity; ll-busy has 1 open, then 2; ll-off gets nothing.
    const second = await routedCase('streets.potholes');
    expect(await waitFor(() => assigneeOf(second), { what: 'second assigned' })).toBe('ll-busy');
    await saveStaff({ subject: 'll-busy', queueCodes: ['streets.potholes'], capacity: 2 });
    const third = await routedCase('streets.potholes');
    // Everyone is full: the case waits, unassigned, in the worklist.
    const unassigned = await cases.query<Worklist>(
      WORKLIST,
      { filter: { queueCode: 'streets.potholes', assignee: 'UNASSIGNED' } },
      worker('cw-streets'),
    );
    expect(unassigned.data!.worklist.nodes.map((n) => n.ticketNumber)).toEqual([third]);
    expect(await assigneeOf(third)).toBeNull();
  });

  it('lets a caseworker of the department claim an unassigned case and give it back; others are refused', async () => {
    await saveStaff({ subject: 'cw-claim' });
    const ticket = await routedCase('streets.manual');
    expect(await assigneeOf(ticket)).toBeNull();

    const outsider = await cases.query(CLAIM, { t: ticket }, worker('cw-parks', ['parks']));
    expect([codeOf(outsider), fieldsOf(outsider)]).toEqual(['FORBIDDEN', ['ticketNumber']]);
    const stranger = await cases.query(CLAIM, { t: ticket }, worker('cw-not-in-directory'));
    expect([codeOf(stranger), fieldsOf(stranger)]).toEqual(['STAFF_NOT_FOUND', ['ticketNumber']]);

    const claimed = await cases.query<{
      claimCase: { assignee: { subject: string; name: string } };
    }>(CLAIM, { t: ticket.toLowerCase() }, worker('cw-claim'));
    expect(claimed.errors).toBeUndefined();
    expect(claimed.data!.claimCase.assignee).toEqual({
      subject: 'cw-claim',
      name: 'Name of cw-claim',
    });
    const mine = await cases.query<Worklist>(
      WORKLIST,
      { filter: { assignee: 'ME' } },
      worker('cw-claim'),
    );
    expect(mine.data!.worklist.nodes.map((n) => n.ticketNumber)).toEqual([ticket]);
    const entry = (await track(ticket)).timeline.find((e) => e.kind === 'ASSIGNED');
    expect(entry).toMatchObject({ summary: 'Claimed by Name of cw-claim', author: 'cw-claim' });

    const notTheirs = await cases.query(UNASSIGN, { t: ticket }, worker('cw-other'));
    expect(codeOf(notTheirs)).toBe('FORBIDDEN');
    expect((await cases.query(UNASSIGN, { t: ticket }, worker('cw-claim'))).errors).toBeUndefined();
    expect(await assigneeOf(ticket)).toBeNull();
  });

  it('lets a supervisor assign only to active staff of the case’s department', async () => {
    await saveStaff({ subject: 'as-parks', departmentCodes: ['parks'] });
    await saveStaff({ subject: 'as-off', active: false });
    await saveStaff({ subject: 'as-on' });
    const ticket = await routedCase('streets.manual');
    const assign = (assigneeSubject: string, who = STREETS_BOSS) =>
      cases.query(ASSIGN, { input: { ticketNumber: ticket, assigneeSubject } }, who);
    expect([codeOf(await assign('as-parks')), fieldsOf(await assign('as-parks'))]).toEqual([
      'ASSIGNEE_OUTSIDE_DEPARTMENT',
      ['assigneeSubject'],
    ]);
    expect(codeOf(await assign('as-off'))).toBe('STAFF_INACTIVE');
    expect(codeOf(await assign('nobody'))).toBe('STAFF_NOT_FOUND');
    expect(codeOf(await assign('as-on', PARKS_BOSS))).toBe('FORBIDDEN');
    expect(codeOf(await assign('as-on', worker('cw-streets')))).toBe('FORBIDDEN');
    expect((await assign('as-on')).errors).toBeUndefined();
    expect(await assigneeOf(ticket)).toBe('as-on');
  });

  it('hands a deactivated person’s open cases on by each queue’s policy, or leaves them unassigned', async () => {
    await saveStaff({ subject: 'dx-leaving', queueCodes: ['streets.signals', 'streets.manual'] });
    const automatic = await routedCase('streets.signals');
    expect(await waitFor(() => assigneeOf(automatic), { what: 'assigned' })).toBe('dx-leaving');
    const manual = await routedCase('streets.manual');
    await cases.query(
      ASSIGN,
      { input: { ticketNumber: manual, assigneeSubject: 'dx-leaving' } },
      STREETS_BOSS,
    );
    await saveStaff({ subject: 'dx-staying', queueCodes: ['streets.signals'] });

    const off = await saveStaff(
      { subject: 'dx-leaving', queueCodes: ['streets.signals'], active: false },
      STREETS_BOSS,
    );
    expect(off.errors).toBeUndefined();
    expect(await assigneeOf(automatic)).toBe('dx-staying');
    expect(await assigneeOf(manual)).toBeNull();
    expect((await track(automatic)).timeline.at(-1)).toMatchObject({
      kind: 'ASSIGNED',
      summary: 'Reassigned to Name of dx-staying: its assignee was deactivated',
      author: 'sup-streets',
    });
  });

  it('pages a department’s worklist by cursor in each order, and refuses a cursor of another order', async () => {
    await saveStaff({ subject: 'wl-x', departmentCodes: ['water'] });
    const late = await routedCase('water.general', { dueIn: 50, department: 'water' });
    const urgent = await routedCase('water.general', {
      dueIn: 30,
      priority: Priority.EMERGENCY,
      department: 'water',
    });
    const soon = await routedCase('water.general', { dueIn: 10, department: 'water' });
    const overdue = await routedCase('water.general', {
      dueIn: -2,
      priority: Priority.LOW,
      department: 'water',
    });
    const waterWorker = worker('wl-x', ['water']);
    const all = async (sort: string, filter: Record<string, unknown> = {}) => {
      const seen: string[] = [];
      let after: string | null = null;
      for (;;) {
        const res: GraphqlResponse<Worklist> = await cases.query<Worklist>(
          WORKLIST,
          { sort, first: 3, after, filter },
          waterWorker,
        );
        expect(res.errors).toBeUndefined();
        seen.push(...res.data!.worklist.nodes.map((n) => n.ticketNumber));
        if (!res.data!.worklist.hasNextPage) {
          return seen;
        }
        after = res.data!.worklist.endCursor;
      }
    };
    expect(await all('DUE_AT')).toEqual([overdue, soon, urgent, late]);
    expect(await all('PRIORITY')).toEqual([urgent, soon, late, overdue]);
    expect(await all('CREATED')).toEqual([late, urgent, soon, overdue]);
    expect(await all('DUE_AT', { slaState: 'OVERDUE' })).toEqual([overdue]);

    const page = await cases.query<Worklist>(WORKLIST, { sort: 'DUE_AT', first: 1 }, waterWorker);
    const wrong = await cases.query(
      WORKLIST,
      { sort: 'PRIORITY', after: page.data!.worklist.endCursor },
      waterWorker,
    );
    expect([codeOf(wrong), fieldsOf(wrong)]).toEqual(['BAD_USER_INPUT', ['after']]);
    const foreign = await cases.query(
      WORKLIST,
      { filter: { departmentCode: 'water' } },
      worker('cw-streets'),
    );
    expect([codeOf(foreign), fieldsOf(foreign)]).toEqual(['FORBIDDEN', ['filter.departmentCode']]);
    const tooMany = await cases.query(WORKLIST, { first: 101 }, waterWorker);
    expect([codeOf(tooMany), fieldsOf(tooMany)]).toEqual(['BAD_USER_INPUT', ['first']]);
  });

  it('shows a supervisor each person’s open, at-risk and overdue cases', async () => {
    await saveStaff({ subject: 'wk-a', departmentCodes: ['parks'] }, PARKS_BOSS);
    await saveStaff({ subject: 'wk-b', departmentCodes: ['parks'] }, PARKS_BOSS);
    const overdue = await routedCase('parks.general', { dueIn: -1 });
    const fine = await routedCase('parks.general', { dueIn: 100 });
    for (const ticket of [overdue, fine]) {
      await cases.query(
        ASSIGN,
        { input: { ticketNumber: ticket, assigneeSubject: 'wk-a' } },
        PARKS_BOSS,
      );
    }
    const res = await cases.query<{ workload: Record<string, unknown>[] }>(
      WORKLOAD,
      { d: 'parks' },
      PARKS_BOSS,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.workload.filter((w) => String(w.subject).startsWith('wk-'))).toEqual([
      {
        subject: 'wk-a',
        name: 'Name of wk-a',
        open: 2,
        atRisk: 0,
        overdue: 1,
        capacity: null,
        active: true,
      },
      {
        subject: 'wk-b',
        name: 'Name of wk-b',
        open: 0,
        atRisk: 0,
        overdue: 0,
        capacity: null,
        active: true,
      },
    ]);
    expect(codeOf(await cases.query(WORKLOAD, { d: 'parks' }, STREETS_BOSS))).toBe('FORBIDDEN');
    const unknown = await cases.query(WORKLOAD, { d: 'mars' }, PARKS_BOSS);
    expect([codeOf(unknown), fieldsOf(unknown)]).toEqual([
      'UNKNOWN_DEPARTMENT',
      ['departmentCode'],
    ]);
  });
});
