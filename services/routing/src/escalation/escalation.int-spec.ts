import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  CaseAtRisk,
  CaseDeadlinesMoved,
  CaseOpened,
  CaseOverdue,
  CaseRouted,
  CaseStatus,
  Role,
  StatusChanged,
  type CaseAtRiskV1,
  type CaseDeadlinesMovedV1,
  type CaseOverdueV1,
  type CaseRoutedV1,
  type Identity,
} from '@civitas/contracts';
import {
  aCaseOpened,
  aStatusChanged,
  errorCodes,
  nextMatching,
  nextMessage,
  startServiceForTest,
  startServiceHarness,
  waitFor,
  type CaseOpenedBuilder,
  type ServiceHarness,
  type ServiceUnderTest,
  aStaffMember,
} from '@civitas/testing';
import type { Consumer } from '@nats-io/jetstream';
import { ROUTING_APP } from '../app.module.js';
import type { RoutingConfig } from '../config/routing.config.js';
import { seedSampleData } from '../database/sample-data.seed.js';

// Scans often, so a deadline a few seconds ahead is met within a test; the deadlines are real.
const FAST_SCAN = { ESCALATION_SCAN_MS: '200' };
/** traffic-signal, owned by streets, does not pause on hold; specs make noise-residential pause. */
const SERVICE = 'traffic-signal';
const NOISE = 'noise-residential';
/** Their CALENDAR-hour targets in the sample catalog. */
const TARGET_MS = { [SERVICE]: 4 * 3_600_000, [NOISE]: 8 * 3_600_000 };

/** A live case of `service` due `seconds` from now (opened its target less `seconds` ago). */
const dueIn = (seconds: number, service: keyof typeof TARGET_MS = SERVICE): CaseOpenedBuilder =>
  aCaseOpened()
    .forService(service)
    .openedAt(new Date(Date.now() - TARGET_MS[service] + seconds * 1000));

const ADMIN = aStaffMember(Role.Admin, 'admin-1');
const STREETS_SUPERVISOR = aStaffMember(Role.Supervisor, 'sup-1', 'streets');
const PARKS_SUPERVISOR = aStaffMember(Role.Supervisor, 'sup-2', 'parks');
const SET_MAILBOX = `mutation($d: String!, $e: String) {
  setDepartmentEscalationEmail(departmentCode: $d, email: $e) { code escalationEmail } }`;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('routing: the escalation timer', () => {
  let routing: ServiceHarness<RoutingConfig>;
  let replica: ServiceUnderTest<RoutingConfig> | undefined;

  beforeAll(async () => {
    routing = await startServiceHarness({ ...ROUTING_APP, seed: seedSampleData, env: FAST_SCAN });
    // A second replica on the same database and bus: they share one timer.
    replica = await startServiceForTest({
      ...ROUTING_APP,
      namespace: routing.namespace,
      database: routing.database,
      env: FAST_SCAN,
    });
  });

  afterAll(async () => {
    await replica?.stop();
    await routing?.dispose();
  });

  async function routeAll(cases: CaseOpenedBuilder[]): Promise<string[]> {
    const routed = await routing.probe(CaseRouted);
    const opened = cases.map((c) => c.build());
    for (const c of opened) {
      await routing.publish(CaseOpened, c);
    }
    const waiting = new Set(opened.map((c) => c.caseId));
    while (waiting.size > 0) {
      const event = await nextMatching<{ payload: CaseRoutedV1 }>(routed, (b) =>
        waiting.has(b.payload.caseId),
      );
      waiting.delete(event.payload.caseId);
    }
    return opened.map((c) => c.caseId);
  }

  /**
   * The case ids of the events `consumer` sees (a case once per event): until all of `expected`
   * have come, then for `quietMs` more, so a second event for a case would be seen too.
   */
  async function caseIdsSeen(
    consumer: Consumer,
    expected: readonly string[],
    quietMs = 2000,
  ): Promise<string[]> {
    const seen: string[] = [];
    const missing = new Set(expected);
    const patience = Date.now() + 60_000;
    let until = missing.size === 0 ? Date.now() + quietMs : patience;
    while (Date.now() < until) {
      const msg = await nextMessage(consumer, Math.max(1000, Math.min(2000, until - Date.now())));
      if (msg) {
        msg.ack();
        const { caseId } = msg.json<{ payload: { caseId: string } }>().payload;
        seen.push(caseId);
        if (missing.delete(caseId) && missing.size === 0) {
          until = Date.now() + quietMs;
        }
      }
    }
    return seen;
  }

  async function deadlineStates(caseId: string): Promise<Record<string, string>> {
    const ds = await routing.database.dataSource();
    const rows = (await ds.query(
      'SELECT kind, state FROM sla_deadline WHERE case_id = $1 ORDER BY kind',
      [caseId],
    )) as { kind: string; state: string }[];
    return Object.fromEntries(rows.map((r) => [r.kind, r.state]));
  }

  it('two replicas escalate each open case once at risk and once overdue, never a closed or imported one', async () => {
    const atRisk = await routing.probe(CaseAtRisk);
    const overdue = await routing.probe(CaseOverdue);
    // Closed long before its due time, however slowly a loaded machine routes and closes it; but
    // only once it is at risk (80% of its 4 h had gone when it was routed: the next scan fires
    // that), or the close could come first and rightly cancel the at-risk deadline too.
    const [closed] = await routeAll([dueIn(25)]);
    await waitFor(async () => (await deadlineStates(closed)).AT_RISK === 'FIRED', {
      what: 'the case to be closed at risk first',
    });
    await routing.publish(
      StatusChanged,
      aStatusChanged()
        .forCase({ caseId: closed, ticketNumber: 'T-closed' })
        .from(CaseStatus.IN_PROGRESS)
        .to(CaseStatus.CLOSED)
        .build(),
    );
    await waitFor(async () => (await deadlineStates(closed)).OVERDUE === 'CANCELLED', {
      what: 'the closed case’s deadlines cancelled',
    });
    const live = await routeAll(Array.from({ length: 12 }, () => dueIn(4)));
    const [imported] = await routeAll([dueIn(4).imported({ status: CaseStatus.OPEN })]);
    expect(await deadlineStates(imported)).toEqual({});

    const overdueIds = await caseIdsSeen(overdue, live);
    expect([...overdueIds].sort()).toEqual([...live].sort());
    // The closed case was at risk before it closed (80% of its 4 h had gone when it was routed).
    const atRiskIds = await caseIdsSeen(atRisk, [...live, closed], 500);
    expect([...atRiskIds].sort()).toEqual([...live, closed].sort());
    expect(await deadlineStates(live[0])).toEqual({ AT_RISK: 'FIRED', OVERDUE: 'FIRED' });
    // Past the closed case's due time, with both replicas scanning: nothing fired for it.
    await sleep(Math.max(0, (await deadlineDue(closed)) + 1000 - Date.now()));
    expect(await caseIdsSeen(overdue, [], 1000)).toEqual([]);
    expect(await deadlineStates(closed)).toEqual({ AT_RISK: 'FIRED', OVERDUE: 'CANCELLED' });

    // Reopened after its due time, the closed case is overdue at once (and still only once).
    await routing.publish(
      StatusChanged,
      aStatusChanged()
        .forCase({ caseId: closed, ticketNumber: 'T-closed' })
        .from(CaseStatus.CLOSED)
        .to(CaseStatus.OPEN)
        .build(),
    );
    const event = await nextMatching<{ payload: CaseOverdueV1 }>(
      overdue,
      (b) => b.payload.caseId === closed,
    );
    expect(event.payload).toMatchObject({ serviceCode: SERVICE, departmentCode: 'streets' });
    expect(await caseIdsSeen(overdue, [])).toEqual([]);
  });

  it('a deadline that passes while every replica is down fires once when one is back', async () => {
    const atRisk = await routing.probe(CaseAtRisk);
    const overdue = await routing.probe(CaseOverdue);
    // Far enough ahead that both replicas are down before it, however loaded the machine.
    const [caseId] = await routeAll([dueIn(20)]);
    const first = await nextMatching<{ payload: CaseAtRiskV1 }>(
      atRisk,
      (b) => b.payload.caseId === caseId,
    );
    expect(new Date(first.payload.atRiskAt).getTime()).toBeLessThan(Date.now());

    await replica?.stop();
    replica = undefined;
    await routing.stop();
    const due = await deadlineDue(caseId);
    await sleep(Math.max(0, due - Date.now()) + 1000);
    expect(await deadlineStates(caseId)).toEqual({ AT_RISK: 'FIRED', OVERDUE: 'PENDING' });

    await routing.start();
    const event = await nextMatching<{ payload: CaseOverdueV1 }>(
      overdue,
      (b) => b.payload.caseId === caseId,
    );
    expect(new Date(event.payload.detectedAt).getTime()).toBeGreaterThan(due);
    expect(await caseIdsSeen(overdue, [])).toEqual([]);
    expect(await caseIdsSeen(atRisk, [], 1000)).toEqual([]);
  });

  it("carries the department's escalation mailbox, which only an admin sets, on each overdue case", async () => {
    const badAddress = await routing.query(
      SET_MAILBOX,
      { d: 'streets', e: 'not-an-address' },
      ADMIN,
    );
    expect(errorCodes(badAddress)).toEqual(['INVALID_EMAIL']);
    expect(badAddress.errors?.[0].extensions?.fields).toEqual([
      expect.objectContaining({ field: 'email' }),
    ]);
    const unknown = await routing.query(SET_MAILBOX, { d: 'no-such', e: 'x@city.test' }, ADMIN);
    expect(errorCodes(unknown)).toEqual(['UNKNOWN_DEPARTMENT']);
    const bySupervisor = await routing.query(
      SET_MAILBOX,
      { d: 'streets', e: 'x@city.test' },
      STREETS_SUPERVISOR,
    );
    expect(errorCodes(bySupervisor)).toEqual(['FORBIDDEN']);
    const set = await routing.query<{ setDepartmentEscalationEmail: unknown }>(
      SET_MAILBOX,
      { d: 'streets', e: ' streets-escalations@city.test ' },
      ADMIN,
    );
    expect(set.data?.setDepartmentEscalationEmail).toEqual({
      code: 'streets',
      escalationEmail: 'streets-escalations@city.test',
    });
    // The department's supervisors read it; another department's see null; residents are refused.
    const read = (who?: Partial<Identity>) =>
      routing.query<{ departments: { code: string; escalationEmail: string | null }[] }>(
        '{ departments { code escalationEmail } }',
        {},
        who,
      );
    const streetsOf = async (who?: Partial<Identity>) =>
      (await read(who)).data?.departments.find((d) => d.code === 'streets')?.escalationEmail;
    expect(await streetsOf(STREETS_SUPERVISOR)).toBe('streets-escalations@city.test');
    expect(await streetsOf(PARKS_SUPERVISOR)).toBeNull();
    expect(errorCodes(await read())).toContain('UNAUTHENTICATED');

    const overdue = await routing.probe(CaseOverdue);
    const [caseId] = await routeAll([dueIn(2)]);
    const event = await nextMatching<{ payload: CaseOverdueV1 }>(
      overdue,
      (b) => b.payload.caseId === caseId,
    );
    expect(event.payload).toMatchObject({
      departmentCode: 'streets',
      escalationEmail: 'streets-escalations@city.test',
      departmentName: expect.any(String),
      serviceName: expect.any(String),
    });

    // Cleared, the next overdue case carries no address (no one is e-mailed).
    const cleared = await routing.query(SET_MAILBOX, { d: 'streets', e: null }, ADMIN);
    expect(cleared.errors).toBeUndefined();
    const [unmailed] = await routeAll([dueIn(2)]);
    const second = await nextMatching<{ payload: CaseOverdueV1 }>(
      overdue,
      (b) => b.payload.caseId === unmailed,
    );
    expect(second.payload.escalationEmail).toBeUndefined();
  });

  it('pauses the clock of a service that pausesOnHold while ON_HOLD, and escalates once at the moved deadline', async () => {
    // The control case (traffic-signal) does not pause.
    const { overdue, moved } = await pauseNoiseOnHold();
    // Both due in 8 s (at risk already: that fires, once, before or after the hold).
    const [held] = await routeAll([dueIn(8, NOISE)]);
    const [control] = await routeAll([dueIn(8)]);
    const dueBefore = await deadlineDue(held);
    const onHold = (caseId: string) =>
      routing.publish(
        StatusChanged,
        aStatusChanged()
          .forCase({ caseId, ticketNumber: `T-${caseId.slice(0, 8)}` })
          .from(CaseStatus.IN_PROGRESS)
          .to(CaseStatus.ON_HOLD)
          .build(),
      );
    await onHold(held);
    await onHold(control);
    const pausedEvent = await nextMatching<{ payload: CaseDeadlinesMovedV1 }>(
      moved,
      (b) => b.payload.caseId === held,
    );
    expect(pausedEvent.payload).toMatchObject({ held: true, dueAt: null, atRiskAt: null });
    const [kept] = (await (
      await routing.database.dataSource()
    ).query(`SELECT held_ms, held_at FROM sla_deadline WHERE case_id = $1 AND kind = 'OVERDUE'`, [
      held,
    ])) as { held_ms: string; held_at: Date }[];
    // What was left is what the hold kept: due time less the moment it went on hold.
    expect(Number(kept.held_ms)).toBe(dueBefore - kept.held_at.getTime());
    expect(pausedEvent.payload.remainingMinutes).toBe(Math.floor(Number(kept.held_ms) / 60_000));

    // Past the old due time: the service that does not pause escalates on hold; the held case not.
    await sleep(Math.max(0, dueBefore + 1500 - Date.now()));
    // (The probes also see the earlier tests' cases: only these two count here.)
    const ours = (ids: string[]) => ids.filter((id) => id === held || id === control);
    expect(ours(await caseIdsSeen(overdue, [control]))).toEqual([control]);
    expect((await deadlineStates(held)).OVERDUE).toBe('HELD');
    // No moved event for a case whose service does not pause.
    expect(ours(await caseIdsSeen(moved, [], 500))).toEqual([]);

    // Back to work: due again after the time that was left, counted from the resumption.
    const resumedAt = new Date();
    await routing.publish(
      StatusChanged,
      aStatusChanged()
        .forCase({ caseId: held, ticketNumber: 'T-held' })
        .from(CaseStatus.ON_HOLD)
        .to(CaseStatus.IN_PROGRESS)
        .changedAt(resumedAt)
        .build(),
    );
    const resumed = await nextMatching<{ payload: CaseDeadlinesMovedV1 }>(
      moved,
      (b) => b.payload.caseId === held,
    );
    const newDue = resumedAt.getTime() + Number(kept.held_ms);
    expect(resumed.payload).toMatchObject({
      held: false,
      dueAt: new Date(newDue).toISOString(),
      remainingMinutes: pausedEvent.payload.remainingMinutes,
    });
    expect(await deadlineDue(held)).toBe(newDue);
    const fired = await nextMatching<{ payload: CaseOverdueV1 }>(
      overdue,
      (b) => b.payload.caseId === held,
    );
    expect(fired.payload.dueAt).toBe(new Date(newDue).toISOString());
    expect(new Date(fired.payload.detectedAt).getTime()).toBeGreaterThanOrEqual(newDue);
    // Once for the new deadline.
    expect(ours(await caseIdsSeen(overdue, []))).toEqual([]);
    expect(await deadlineStates(held)).toEqual({ AT_RISK: 'FIRED', OVERDUE: 'FIRED' });
  });

  it('pauses a case put on hold before routing routed it, and never escalates one closed before', async () => {
    const { overdue, moved } = await pauseNoiseOnHold();
    // Both due 8 s after they are routed; their status changes are heard first (the status
    // consumer ran ahead of the routing consumer: separate durables, docs/adr/0080).
    const held = dueIn(8, NOISE);
    const closed = dueIn(8);
    const heldCase = held.build();
    const closedCase = closed.build();
    const heldAt = new Date();
    await routing.publish(
      StatusChanged,
      aStatusChanged()
        .forCase(heldCase)
        .from(CaseStatus.OPEN)
        .to(CaseStatus.ON_HOLD)
        .changedAt(heldAt)
        .build(),
    );
    await routing.publish(
      StatusChanged,
      aStatusChanged().forCase(closedCase).from(CaseStatus.OPEN).to(CaseStatus.CLOSED).build(),
    );
    const ds = await routing.database.dataSource();
    await waitFor(
      async () =>
        (
          (await ds.query(
            'SELECT count(*)::int AS n FROM status_change_ahead WHERE case_id = ANY($1)',
            [[heldCase.caseId, closedCase.caseId]],
          )) as { n: number }[]
        )[0].n === 2,
      { what: 'both status changes heard before the cases are routed' },
    );

    await routeAll([held, closed]);
    const pausedEvent = await nextMatching<{ payload: CaseDeadlinesMovedV1 }>(
      moved,
      (b) => b.payload.caseId === heldCase.caseId,
    );
    expect(pausedEvent.payload).toMatchObject({ held: true, at: heldAt.toISOString() });
    expect(await deadlineStates(heldCase.caseId)).toEqual({ AT_RISK: 'HELD', OVERDUE: 'HELD' });
    expect(await deadlineStates(closedCase.caseId)).toEqual({
      AT_RISK: 'CANCELLED',
      OVERDUE: 'CANCELLED',
    });
    // Applied, what was kept is gone.
    expect(
      await ds.query('SELECT case_id FROM status_change_ahead WHERE case_id = ANY($1)', [
        [heldCase.caseId, closedCase.caseId],
      ]),
    ).toEqual([]);

    // Past both due times, with both replicas scanning: neither escalates.
    await sleep(Math.max(0, (await deadlineDue(closedCase.caseId)) + 1500 - Date.now()));
    const ours = (ids: string[]) =>
      ids.filter((id) => id === heldCase.caseId || id === closedCase.caseId);
    expect(ours(await caseIdsSeen(overdue, [], 1000))).toEqual([]);
    expect((await deadlineStates(heldCase.caseId)).OVERDUE).toBe('HELD');
  });

  /** Makes noise-residential pause on hold (as an admin); answers probes of the overdue and deadlines-moved events. */
  async function pauseNoiseOnHold() {
    const paused = await routing.query(
      `mutation { updateService(code: "${NOISE}", input: { pausesOnHold: true }) { pausesOnHold } }`,
      {},
      ADMIN,
    );
    expect(paused.data).toEqual({ updateService: { pausesOnHold: true } });
    return {
      overdue: await routing.probe(CaseOverdue),
      moved: await routing.probe(CaseDeadlinesMoved),
    };
  }

  async function deadlineDue(caseId: string): Promise<number> {
    const ds = await routing.database.dataSource();
    const [row] = (await ds.query(
      `SELECT due_at FROM sla_deadline WHERE case_id = $1 AND kind = 'OVERDUE'`,
      [caseId],
    )) as { due_at: Date }[];
    return row.due_at.getTime();
  }
});
