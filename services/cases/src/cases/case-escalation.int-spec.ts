import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  CaseEscalated,
  CaseOverdue,
  CaseRouted,
  Priority,
  Role,
  SubmissionAccepted,
  type CaseEscalatedV1,
  type Identity,
} from '@civitas/contracts';
import {
  aCaseOverdue,
  aCaseRouted,
  aSubmissionAccepted,
  errorCodes,
  nextMatching,
  startServiceHarness,
  waitFor,
  type ServiceHarness,
  aStaffMember,
} from '@civitas/testing';
import { CASES_APP } from '../app.module.js';
import type { CasesConfig } from '../config/cases.config.js';

const HOUR = 3_600_000;
const STREETS_SUPERVISOR = aStaffMember(Role.Supervisor, 'sup-streets', 'streets');
const PARKS_SUPERVISOR = aStaffMember(Role.Supervisor, 'sup-parks', 'parks');
const STREETS_WORKER = aStaffMember(Role.Caseworker, 'cw-streets', 'streets');
const ADMIN = aStaffMember(Role.Admin, 'admin-1');

const TRACK = `query($t: String!) {
  caseByTicket(ticketNumber: $t) { id status priority timeline { kind visibility summary } }
}`;
const CLOSE = `mutation($t: String!) {
  changeCaseStatus(input: { ticketNumber: $t, status: CLOSED, publicNote: "Done" }) { status }
}`;
const OVERDUE = `query($d: String, $first: Int, $after: ID) {
  overdueCases(departmentCode: $d, first: $first, after: $after) { id ticketNumber priority sla { state } }
}`;

interface Tracked {
  id: string;
  status: string;
  priority: string;
  timeline: { kind: string; visibility: string; summary: string }[];
}
interface Listed {
  id: string;
  ticketNumber: string;
  priority: string;
  sla: { state: string };
}

/** Cases' side of escalation (docs/adr/0058): what an overdue case becomes. */
describe('cases: escalating a case routing found overdue', () => {
  let cases: ServiceHarness<CasesConfig>;
  // Its own department, so the cases other specs leave behind do not show in its lists.
  const department = `streets-${Date.now().toString(36)}`;
  const supervisor = { ...STREETS_SUPERVISOR, departments: [department] };

  beforeAll(async () => {
    cases = await startServiceHarness(CASES_APP);
  });

  afterAll(() => cases?.dispose());

  const track = async (ticket: string, as: Partial<Identity> = STREETS_WORKER) =>
    (await cases.query<{ caseByTicket: Tracked }>(TRACK, { t: ticket }, as)).data!.caseByTicket;

  /** Opens a case and routes it to the department with `priority`, due `dueIn` hours from now. */
  async function routed(
    priority: Priority,
    dueIn: number,
  ): Promise<{ id: string; ticket: string }> {
    const submission = aSubmissionAccepted().build();
    await cases.publish(SubmissionAccepted, submission);
    const opened = await waitFor(
      async () =>
        (
          await cases.query<{ caseByTicket: Tracked | null }>(
            TRACK,
            { t: submission.ticketNumber },
            ADMIN,
          )
        ).data?.caseByTicket,
      { what: `case ${submission.ticketNumber} opened` },
    );
    await cases.publish(
      CaseRouted,
      aCaseRouted()
        .forCase({ caseId: opened.id, ticketNumber: submission.ticketNumber })
        .toDepartment(department, `${department}.general`)
        .withPriority(priority)
        .due(new Date(Date.now() + dueIn * HOUR))
        .build(),
    );
    await waitFor(async () => (await track(submission.ticketNumber, ADMIN)).status === 'OPEN', {
      what: `case ${submission.ticketNumber} routed`,
    });
    return { id: opened.id, ticket: submission.ticketNumber };
  }

  async function overdue(c: { id: string; ticket: string }) {
    return cases.publish(
      CaseOverdue,
      aCaseOverdue()
        .forCase({ caseId: c.id, ticketNumber: c.ticket })
        .ofDepartment(department)
        .build(),
    );
  }

  async function applied(eventId: string): Promise<void> {
    const ds = await cases.database.dataSource();
    await waitFor(
      async () =>
        ((await ds.query('SELECT 1 FROM inbox WHERE message_id = $1', [eventId])) as unknown[])
          .length > 0,
      { what: `event ${eventId} applied` },
    );
  }

  it('raises an overdue case’s priority one step, says so on the staff timeline and announces it, once', async () => {
    const escalated = await cases.probe(CaseEscalated);
    const c = await routed(Priority.NORMAL, -1);
    const envelope = await overdue(c);
    const event = await nextMatching<{ payload: CaseEscalatedV1 }>(
      escalated,
      (b) => b.payload.caseId === c.id,
    );
    expect(event.payload).toMatchObject({
      ticketNumber: c.ticket,
      departmentCode: department,
      fromPriority: 'NORMAL',
      priority: 'HIGH',
    });
    const seen = await track(c.ticket);
    expect(seen.priority).toBe('HIGH');
    expect(seen.timeline.filter((e) => e.kind === 'ESCALATED')).toEqual([
      {
        kind: 'ESCALATED',
        visibility: 'INTERNAL',
        summary: expect.stringContaining('priority raised from NORMAL to HIGH'),
      },
    ]);
    // Residents tracking the ticket do not see it.
    const anonymous = await cases.query<{ caseByTicket: Tracked }>(TRACK, { t: c.ticket });
    expect(anonymous.data!.caseByTicket.timeline.map((e) => e.kind)).not.toContain('ESCALATED');

    // The same event delivered again (a redelivery after a lost ack) changes nothing.
    await cases.publish(CaseOverdue, envelope.payload, { envelope, msgID: `again-${envelope.id}` });
    const other = await routed(Priority.LOW, -1);
    await applied((await overdue(other)).id);
    expect((await track(other.ticket)).priority).toBe('NORMAL');
    const again = await track(c.ticket);
    expect(again.priority).toBe('HIGH');
    expect(again.timeline.filter((e) => e.kind === 'ESCALATED')).toHaveLength(1);
  });

  it('keeps HIGH and EMERGENCY as they are, and leaves a case closed before the event alone', async () => {
    const high = await routed(Priority.HIGH, -1);
    await applied((await overdue(high)).id);
    const seenHigh = await track(high.ticket);
    expect(seenHigh.priority).toBe('HIGH');
    expect(seenHigh.timeline.find((e) => e.kind === 'ESCALATED')?.summary).toContain(
      'priority stays HIGH',
    );

    const closed = await routed(Priority.LOW, -1);
    const worker = { ...STREETS_WORKER, departments: [department] };
    expect((await cases.query(CLOSE, { t: closed.ticket }, worker)).errors).toBeUndefined();
    await applied((await overdue(closed)).id);
    const seenClosed = await track(closed.ticket);
    expect(seenClosed).toMatchObject({ status: 'CLOSED', priority: 'LOW' });
    expect(seenClosed.timeline.map((e) => e.kind)).not.toContain('ESCALATED');
  });

  it('lists a department’s overdue open cases to its supervisors and admins, longest overdue first, in pages', async () => {
    const oldest = await routed(Priority.NORMAL, -5);
    const newer = await routed(Priority.NORMAL, -2);
    const notYet = await routed(Priority.NORMAL, 3);

    const all = await cases.query<{ overdueCases: Listed[] }>(
      OVERDUE,
      { d: department, first: 200 },
      supervisor,
    );
    expect(all.errors).toBeUndefined();
    const ids = all.data!.overdueCases.map((c) => c.id);
    expect(ids.indexOf(oldest.id)).toBeGreaterThanOrEqual(0);
    expect(ids.indexOf(oldest.id)).toBeLessThan(ids.indexOf(newer.id));
    expect(ids).not.toContain(notYet.id);
    expect(all.data!.overdueCases.every((c) => c.sla.state === 'OVERDUE')).toBe(true);

    const first = await cases.query<{ overdueCases: Listed[] }>(
      OVERDUE,
      { d: department, first: 1 },
      ADMIN,
    );
    expect(first.data!.overdueCases.map((c) => c.id)).toEqual([ids[0]]);
    const next = await cases.query<{ overdueCases: Listed[] }>(
      OVERDUE,
      { d: department, first: 1, after: ids[0] },
      ADMIN,
    );
    expect(next.data!.overdueCases.map((c) => c.id)).toEqual([ids[1]]);

    // Without a department: every department of the supervisor.
    const theirs = await cases.query<{ overdueCases: Listed[] }>(
      OVERDUE,
      { first: 200 },
      supervisor,
    );
    expect(theirs.data!.overdueCases.map((c) => c.id)).toEqual(ids);
    const parks = await cases.query<{ overdueCases: Listed[] }>(OVERDUE, {}, PARKS_SUPERVISOR);
    expect(parks.data!.overdueCases.map((c) => c.id)).not.toContain(oldest.id);

    const otherDepartment = await cases.query(OVERDUE, { d: department }, PARKS_SUPERVISOR);
    expect(errorCodes(otherDepartment)).toEqual(['FORBIDDEN']);
    expect(otherDepartment.errors![0].extensions!.fields).toEqual([
      { field: 'departmentCode', reason: 'not a department you supervise' },
    ]);
    expect(errorCodes(await cases.query(OVERDUE, { d: department }, STREETS_WORKER))).toEqual([
      'FORBIDDEN',
    ]);
    const tooMany = await cases.query(OVERDUE, { d: department, first: 201 }, supervisor);
    expect(errorCodes(tooMany)).toEqual(['BAD_USER_INPUT']);
  });
});
