import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  CaseDeadlinesMoved,
  CaseRouted,
  HistoryRouted,
  Role,
  SlaClock,
  SubmissionAccepted,
} from '@civitas/contracts';
import { pendingSchemaDrift } from '@civitas/persistence';
import {
  aCaseRouted,
  aSubmissionAccepted,
  startServiceHarness,
  waitFor,
  type ServiceHarness,
  aStaffMember,
} from '@civitas/testing';
import { CASES_APP } from '../app.module.js';
import type { CasesConfig } from '../config/cases.config.js';

const HOUR = 3_600_000;
const STREETS_WORKER = aStaffMember(Role.Caseworker, 'cw-streets', 'streets');
const STREETS_SUPERVISOR = aStaffMember(Role.Supervisor, 'sup-streets', 'streets');
const MINUTE = 60_000;

const SLA = `query($t: String!) {
  caseByTicket(ticketNumber: $t) {
    id status dueAt
    sla { dueAt atRiskAt clock hours state remainingMinutes priority targetHours overdue }
  }
}`;
const HELD_SLA = `query($t: String!) {
  caseByTicket(ticketNumber: $t) {
    id status dueAt
    sla { dueAt atRiskAt state remainingMinutes pausedSince overdue }
    timeline { kind summary }
  }
}`;
const MOVE = `mutation($t: String!, $s: CaseStatus!) {
  changeCaseStatus(input: { ticketNumber: $t, status: $s }) { status }
}`;
const CLOSE = `mutation($t: String!) {
  changeCaseStatus(input: { ticketNumber: $t, status: CLOSED, publicNote: "Done" }) { status }
}`;

interface Sla {
  dueAt: string;
  atRiskAt: string;
  clock: string;
  hours: number;
  state: string;
  remainingMinutes: number;
  priority: string;
  targetHours: number;
  overdue: boolean;
}
interface Tracked {
  caseByTicket: { id: string; status: string; dueAt: string | null; sla: Sla | null } | null;
}

/**
 * `Case.sla` (docs/adr/0054): what case-routed brought, and where the case stands as of the query.
 * Timestamps are set around the real present, hours apart, so no state depends on how fast the
 * test runs.
 */
describe('cases: a case’s service level and where it stands', () => {
  let cases: ServiceHarness<CasesConfig>;

  beforeAll(async () => {
    cases = await startServiceHarness(CASES_APP);
  });

  afterAll(() => cases?.dispose());

  const track = async (ticket: string) =>
    (await cases.query<Tracked>(SLA, { t: ticket }, STREETS_WORKER)).data!.caseByTicket!;

  /** Opens a case, then routes it to streets with these times (offsets from now, in hours). */
  async function routed(times: {
    dueIn: number;
    atRiskIn: number;
    clock?: SlaClock;
    hours?: number;
  }): Promise<string> {
    const submission = aSubmissionAccepted().build();
    await cases.publish(SubmissionAccepted, submission);
    const opened = await waitFor(
      async () =>
        (await cases.query<Tracked>(SLA, { t: submission.ticketNumber })).data?.caseByTicket,
      {
        what: `case ${submission.ticketNumber} opened`,
      },
    );
    expect(opened.sla).toBeNull();
    const now = Date.now();
    await cases.publish(
      CaseRouted,
      aCaseRouted()
        .forCase({ caseId: opened.id, ticketNumber: submission.ticketNumber })
        .toDepartment('streets', 'streets.general')
        .due(new Date(now + times.dueIn * HOUR))
        .withServiceLevel({
          clock: times.clock ?? SlaClock.BUSINESS,
          hours: times.hours ?? 18,
          atRiskAt: new Date(now + times.atRiskIn * HOUR),
        })
        .build(),
    );
    await waitFor(async () => (await track(submission.ticketNumber)).status === 'OPEN', {
      what: `case ${submission.ticketNumber} routed`,
    });
    return submission.ticketNumber;
  }

  it('is ON_TRACK before its at-risk time, with what routing sent and the minutes left', async () => {
    const ticket = await routed({ dueIn: 48, atRiskIn: 40 });
    const { sla, dueAt } = await track(ticket);
    expect(sla).toMatchObject({
      clock: 'BUSINESS',
      hours: 18,
      state: 'ON_TRACK',
      priority: 'NORMAL',
      targetHours: 18,
      overdue: false,
    });
    expect(sla!.dueAt).toBe(dueAt);
    // 48 h less the moments the test took: between 47 and 48 hours of minutes.
    expect(sla!.remainingMinutes).toBeGreaterThan(47 * 60);
    expect(sla!.remainingMinutes).toBeLessThanOrEqual(48 * 60);
  });

  it('is AT_RISK from its at-risk time to its due time', async () => {
    const ticket = await routed({ dueIn: 2, atRiskIn: -1 });
    expect((await track(ticket)).sla).toMatchObject({ state: 'AT_RISK', overdue: false });
  });

  it('is OVERDUE past its due time, with negative minutes, and visible to the resident tracking it', async () => {
    const ticket = await routed({ dueIn: -3, atRiskIn: -5 });
    const { sla } = await track(ticket);
    expect(sla).toMatchObject({ state: 'OVERDUE', overdue: true });
    expect(sla!.remainingMinutes).toBeLessThanOrEqual(-3 * 60);
    const anonymous = await cases.query<Tracked>(SLA, { t: ticket });
    expect(anonymous.data!.caseByTicket!.sla!.state).toBe('OVERDUE');
  });

  it('is MET once closed by its due time, and stays MET', async () => {
    const ticket = await routed({ dueIn: 5, atRiskIn: 4 });
    expect((await cases.query(CLOSE, { t: ticket }, STREETS_WORKER)).errors).toBeUndefined();
    const { sla } = await track(ticket);
    expect(sla).toMatchObject({ state: 'MET', overdue: false });
    expect(sla!.remainingMinutes).toBeGreaterThan(4 * 60);
  });

  it('is MISSED once closed after its due time, never OVERDUE', async () => {
    const ticket = await routed({ dueIn: -2, atRiskIn: -3 });
    expect((await cases.query(CLOSE, { t: ticket }, STREETS_WORKER)).errors).toBeUndefined();
    const { sla } = await track(ticket);
    expect(sla).toMatchObject({ state: 'MISSED', overdue: false });
    expect(sla!.remainingMinutes).toBeLessThanOrEqual(-2 * 60);
  });

  describe('paused on hold (docs/adr/0068)', () => {
    interface Held {
      caseByTicket: {
        id: string;
        status: string;
        dueAt: string;
        sla: {
          dueAt: string;
          atRiskAt: string;
          state: string;
          remainingMinutes: number;
          pausedSince: string | null;
          overdue: boolean;
        };
        timeline: { kind: string; summary: string }[];
      };
    }
    const held = async (ticket: string) =>
      (await cases.query<Held>(HELD_SLA, { t: ticket }, STREETS_WORKER)).data!.caseByTicket;
    const overdueTickets = async () =>
      (
        await cases.query<{ overdueCases: { ticketNumber: string }[] }>(
          '{ overdueCases(departmentCode: "streets", first: 200) { ticketNumber } }',
          {},
          STREETS_SUPERVISOR,
        )
      ).data!.overdueCases.map((c) => c.ticketNumber);
    const worklist = async (slaState: string) =>
      (
        await cases.query<{
          worklist: { nodes: { ticketNumber: string; sla: { dueAt: string; state: string } }[] };
        }>(
          `query($s: SlaState) { worklist(filter: { departmentCode: "streets", slaState: $s }, sort: DUE_AT, first: 100) { nodes { ticketNumber sla { dueAt state } } } }`,
          { s: slaState },
          STREETS_WORKER,
        )
      ).data!.worklist.nodes;

    /** Routed due 1 h ago, at risk 3 h ago; put ON_HOLD by staff and paused by routing 2 h ago. */
    async function pausedTwoHoursAgo(): Promise<{ ticket: string; id: string; pausedAt: Date }> {
      const ticket = await routed({ dueIn: -1, atRiskIn: -3 });
      const { id } = await held(ticket);
      const moved = await cases.query(MOVE, { t: ticket, s: 'ON_HOLD' }, STREETS_WORKER);
      expect(moved.errors).toBeUndefined();
      const pausedAt = new Date(Date.now() - 2 * HOUR);
      await cases.publish(CaseDeadlinesMoved, {
        caseId: id,
        ticketNumber: ticket,
        held: true,
        dueAt: null,
        atRiskAt: null,
        remainingMinutes: 60,
        at: pausedAt.toISOString(),
      });
      await waitFor(async () => (await held(ticket)).sla.pausedSince !== null, {
        what: `case ${ticket} paused`,
      });
      return { ticket, id, pausedAt };
    }

    it('stands still while held, never OVERDUE, then counts down to the moved due time', async () => {
      const { ticket, id, pausedAt } = await pausedTwoHoursAgo();
      const paused = await held(ticket);
      // Past the due time it had, but paused before it: AT_RISK as when paused, 60 minutes left.
      expect(paused.sla).toMatchObject({
        state: 'AT_RISK',
        remainingMinutes: 60,
        pausedSince: pausedAt.toISOString(),
        overdue: false,
      });
      expect(paused.sla.dueAt).toBe(paused.dueAt);
      expect(paused.timeline.map((e) => e.kind)).toContain('CLOCK_PAUSED');
      expect(await overdueTickets()).not.toContain(ticket);
      expect((await worklist('OVERDUE')).map((c) => c.ticketNumber)).not.toContain(ticket);
      expect((await worklist('AT_RISK')).map((c) => c.ticketNumber)).toContain(ticket);

      // Off hold: routing counts the 60 minutes on from now.
      expect(
        (await cases.query(MOVE, { t: ticket, s: 'IN_PROGRESS' }, STREETS_WORKER)).errors,
      ).toBeUndefined();
      const resumedAt = new Date();
      const newDue = new Date(resumedAt.getTime() + 60 * MINUTE);
      await cases.publish(CaseDeadlinesMoved, {
        caseId: id,
        ticketNumber: ticket,
        held: false,
        dueAt: newDue.toISOString(),
        atRiskAt: paused.sla.atRiskAt,
        remainingMinutes: 60,
        at: resumedAt.toISOString(),
      });
      await waitFor(async () => (await held(ticket)).sla.pausedSince === null, {
        what: `case ${ticket} resumed`,
      });
      const resumed = await held(ticket);
      expect(resumed.sla).toMatchObject({ dueAt: newDue.toISOString(), state: 'AT_RISK' });
      expect(resumed.dueAt).toBe(newDue.toISOString());
      expect(resumed.sla.remainingMinutes).toBeGreaterThanOrEqual(58);
      expect(resumed.sla.remainingMinutes).toBeLessThanOrEqual(60);
      expect(resumed.timeline.map((e) => e.summary)).toContain(
        `Service-level clock resumed, due ${newDue.toISOString()}`,
      );
      const inOrder = await worklist('AT_RISK');
      expect(inOrder.find((c) => c.ticketNumber === ticket)?.sla.dueAt).toBe(newDue.toISOString());
      const dues = inOrder.map((c) => c.sla.dueAt);
      expect(dues).toEqual([...dues].sort());

      // A pause older than the resumption, delivered late, undoes nothing.
      await cases.publish(CaseDeadlinesMoved, {
        caseId: id,
        ticketNumber: ticket,
        held: true,
        dueAt: null,
        atRiskAt: null,
        remainingMinutes: 5,
        at: pausedAt.toISOString(),
      });
      await cases.publish(CaseDeadlinesMoved, {
        caseId: id,
        ticketNumber: ticket,
        held: false,
        dueAt: newDue.toISOString(),
        atRiskAt: paused.sla.atRiskAt,
        remainingMinutes: 60,
        at: new Date(resumedAt.getTime() + 1).toISOString(),
      });
      await waitFor(
        async () =>
          (
            await cases.database.rows<{ sla_moved_at: Date }>(
              'SELECT sla_moved_at FROM service_case WHERE id = $1',
              [id],
            )
          )[0].sla_moved_at.getTime() ===
          resumedAt.getTime() + 1,
        { what: 'the later move recorded' },
      );
      expect((await held(ticket)).sla.pausedSince).toBeNull();
    });

    it('keeps the due time a resumption moved it to when the routing is recorded after it', async () => {
      // Routing applied a hold and its end heard before it routed the case (docs/adr/0080): its
      // moves may reach cases before case-routed does.
      const submission = aSubmissionAccepted().build();
      await cases.publish(SubmissionAccepted, submission);
      const { id } = await waitFor(
        async () =>
          (await cases.query<Tracked>(SLA, { t: submission.ticketNumber })).data?.caseByTicket,
        { what: `case ${submission.ticketNumber} opened` },
      );
      const resumedAt = new Date(Date.now() - MINUTE);
      const movedDue = new Date(Date.now() + 30 * HOUR);
      const movedAtRisk = new Date(Date.now() + 20 * HOUR);
      await cases.publish(CaseDeadlinesMoved, {
        caseId: id,
        ticketNumber: submission.ticketNumber,
        held: false,
        dueAt: movedDue.toISOString(),
        atRiskAt: movedAtRisk.toISOString(),
        remainingMinutes: 30 * 60,
        at: resumedAt.toISOString(),
      });
      await waitFor(
        async () =>
          (
            await cases.database.rows<{ sla_moved_at: Date | null }>(
              'SELECT sla_moved_at FROM service_case WHERE id = $1',
              [id],
            )
          )[0].sla_moved_at !== null,
        { what: 'the resumption recorded' },
      );
      await cases.publish(
        CaseRouted,
        aCaseRouted()
          .forCase({ caseId: id, ticketNumber: submission.ticketNumber })
          .toDepartment('streets', 'streets.general')
          .due(new Date(Date.now() + 2 * HOUR))
          .withServiceLevel({
            clock: SlaClock.BUSINESS,
            hours: 18,
            atRiskAt: new Date(Date.now() + HOUR),
          })
          .build(),
      );
      await waitFor(async () => (await held(submission.ticketNumber)).status === 'OPEN', {
        what: `case ${submission.ticketNumber} routed`,
      });
      const routedCase = await held(submission.ticketNumber);
      expect(routedCase.dueAt).toBe(movedDue.toISOString());
      expect(routedCase.sla).toMatchObject({
        dueAt: movedDue.toISOString(),
        atRiskAt: movedAtRisk.toISOString(),
        state: 'ON_TRACK',
        pausedSince: null,
      });
    });

    it('is MET when closed while held, though closed after the due time it had', async () => {
      const { ticket } = await pausedTwoHoursAgo();
      expect((await cases.query(CLOSE, { t: ticket }, STREETS_WORKER)).errors).toBeUndefined();
      expect((await held(ticket)).sla).toMatchObject({ state: 'MET', remainingMinutes: 60 });
    });
  });

  it('reads an event from an older routing as calendar hours from opening, at risk 80% of the way', async () => {
    const submission = aSubmissionAccepted().build();
    await cases.publish(SubmissionAccepted, submission);
    const opened = await waitFor(
      async () =>
        (await cases.query<Tracked>(SLA, { t: submission.ticketNumber })).data?.caseByTicket,
      {
        what: 'case opened',
      },
    );
    const [{ opened_at }] = await cases.database.rows<{ opened_at: Date }>(
      'SELECT opened_at FROM service_case WHERE id = $1',
      [opened.id],
    );
    const dueAt = new Date(opened_at.getTime() + 10 * HOUR);
    await cases.publish(
      CaseRouted,
      aCaseRouted()
        .forCase({ caseId: opened.id, ticketNumber: submission.ticketNumber })
        .due(dueAt)
        .build(),
    );
    const sla = await waitFor(async () => (await track(submission.ticketNumber)).sla ?? undefined, {
      what: 'case routed',
    });
    expect(sla).toMatchObject({
      clock: 'CALENDAR',
      hours: 10,
      dueAt: dueAt.toISOString(),
      atRiskAt: new Date(opened_at.getTime() + 8 * HOUR).toISOString(),
    });
  });

  it('keeps the target of imported history routed in a batch', async () => {
    const submission = aSubmissionAccepted().build();
    await cases.publish(SubmissionAccepted, submission);
    const opened = await waitFor(
      async () =>
        (await cases.query<Tracked>(SLA, { t: submission.ticketNumber })).data?.caseByTicket,
      {
        what: 'case opened',
      },
    );
    const dueAt = new Date(Date.now() + 30 * HOUR);
    await cases.publish(HistoryRouted, {
      routed: [
        aCaseRouted()
          .forCase({ caseId: opened.id, ticketNumber: submission.ticketNumber })
          .due(dueAt)
          .withServiceLevel({
            clock: SlaClock.BUSINESS,
            hours: 9,
            atRiskAt: new Date(Date.now() + 20 * HOUR),
          })
          .build(),
      ],
    });
    const sla = await waitFor(async () => (await track(submission.ticketNumber)).sla ?? undefined, {
      what: 'history routed',
    });
    expect(sla).toMatchObject({ clock: 'BUSINESS', hours: 9, state: 'ON_TRACK' });
    expect(await pendingSchemaDrift(await cases.database.dataSource())).toEqual([]);
  });
});
