import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  CaseOpened,
  CaseRouted,
  CaseStatus,
  HistoryOpened,
  Role,
  StatusChanged,
} from '@civitas/contracts';
import {
  aCaseOpened,
  aCaseRef,
  aCaseRouted,
  aHistoryOpened,
  aStatusChanged,
  startServiceHarness,
  uniqueName,
  waitFor,
  type ServiceHarness,
  aStaffMember,
} from '@civitas/testing';
import { ANALYTICS_APP } from '../app.module.js';
import type { AnalyticsConfig } from '../config/analytics.config.js';

const ANALYST = aStaffMember(Role.Analyst, 'analyst-1');
const OPENED_AT = Date.parse('2026-11-20T10:00:00.000Z');
const hoursLater = (h: number) => new Date(OPENED_AT + h * 3_600_000).toISOString();

interface Transition {
  from: string;
  to: string;
  count: number;
}

interface Count {
  key: string;
  count: number;
  closed: number;
  averageHoursToClose: number | null;
}

describe('analytics: closures and reopenings by staff count in backlog and time to close', () => {
  let analytics: ServiceHarness<AnalyticsConfig>;

  beforeAll(async () => {
    analytics = await startServiceHarness(ANALYTICS_APP);
  });

  afterAll(() => analytics?.dispose());

  /** One case per test, under a service code of its own so its counts stand alone. */
  function aCase() {
    const serviceCode = uniqueName('svc');
    const ref = aCaseRef();
    return {
      serviceCode,
      caseId: ref.caseId,
      ref,
      opened: () =>
        analytics.publish(
          CaseOpened,
          aCaseOpened().forCase(ref).forService(serviceCode).openedAt(hoursLater(0)).build(),
        ),
      changed: (from: CaseStatus, to: CaseStatus, hours: number, withService = true) => {
        const change = aStatusChanged().forCase(ref).from(from).to(to).changedAt(hoursLater(hours));
        return analytics.publish(
          StatusChanged,
          (withService ? change.forService(serviceCode) : change).build(),
        );
      },
    };
  }

  async function countsOf(serviceCode: string, until: (c: Count) => boolean): Promise<Count> {
    return waitFor(
      async () => {
        const res = await analytics.query<{ caseCounts: Count[] }>(
          '{ caseCounts(groupBy: SERVICE) { key count closed averageHoursToClose } }',
          {},
          ANALYST,
        );
        const row = res.data?.caseCounts.find((c) => c.key === serviceCode);
        return row && until(row) ? row : undefined;
      },
      { what: `counts of ${serviceCode}` },
    );
  }

  async function transitions(until: (rows: Transition[]) => boolean): Promise<Transition[]> {
    return waitFor(
      async () => {
        const res = await analytics.query<{ statusTransitions: Transition[] }>(
          '{ statusTransitions { from to count } }',
          {},
          ANALYST,
        );
        expect(res.errors).toBeUndefined();
        const rows = res.data!.statusTransitions;
        return until(rows) ? rows : undefined;
      },
      { what: 'status transitions' },
    );
  }

  const countOf = (rows: Transition[], from: CaseStatus, to: CaseStatus) =>
    rows.find((r) => r.from === from && r.to === to)?.count ?? 0;

  it('counts routing opening a case (NEW -> OPEN) among the status transitions, once per change', async () => {
    const before = await transitions(() => true);
    const [first, second] = [aCase(), aCase()];
    await first.opened();
    await second.opened();
    await first.changed(CaseStatus.NEW, CaseStatus.OPEN, 1);
    await second.changed(CaseStatus.NEW, CaseStatus.OPEN, 1);
    await second.changed(CaseStatus.OPEN, CaseStatus.CLOSED, 4);
    const after = await transitions(
      (rows) =>
        countOf(rows, CaseStatus.OPEN, CaseStatus.CLOSED) ===
        countOf(before, CaseStatus.OPEN, CaseStatus.CLOSED) + 1,
    );
    expect(countOf(after, CaseStatus.NEW, CaseStatus.OPEN)).toBe(
      countOf(before, CaseStatus.NEW, CaseStatus.OPEN) + 2,
    );
    // Opening by routing is no closure: the backlog still holds the first case.
    expect(await countsOf(first.serviceCode, (r) => r.count === 1)).toMatchObject({ closed: 0 });
  });

  it('counts a case closed by staff as closed, with its time to close', async () => {
    const c = aCase();
    await c.opened();
    await countsOf(c.serviceCode, (r) => r.count === 1);
    await c.changed(CaseStatus.OPEN, CaseStatus.IN_PROGRESS, 1);
    await c.changed(CaseStatus.IN_PROGRESS, CaseStatus.CLOSED, 5);
    expect(await countsOf(c.serviceCode, (r) => r.closed === 1)).toEqual({
      key: c.serviceCode,
      count: 1,
      closed: 1,
      averageHoursToClose: 5,
    });
  });

  it('writes no rollup row for a status change that changes no figure, and the next closure only', async () => {
    const sql = await analytics.database.dataSource();
    const c = aCase();
    // Every row of the rollups keyed by service, with the version Postgres gave its last write.
    const rollupRows = async () =>
      (
        await sql.query<{ row: string }[]>(
          ['case_daily', 'case_daily_service', 'case_monthly_service']
            .map(
              (table) =>
                `SELECT '${table}:' || day || ':' || xmin::text AS row FROM ${table} WHERE service_code = $1`,
            )
            .join(' UNION ALL ') + ' ORDER BY 1',
          [c.serviceCode],
        )
      ).map((r) => r.row);
    // The rollups trail the facts (docs/adr/0087): until nothing of the case is pending.
    const folded = () =>
      waitFor(
        async () =>
          (
            await sql.query<{ pending: number }[]>(
              'SELECT count(*)::int AS pending FROM rollup_pending WHERE case_id = $1',
              [c.caseId],
            )
          )[0].pending === 0,
        { what: 'the case folded into the rollups' },
      );
    await c.opened();
    await countsOf(c.serviceCode, (r) => r.count === 1);
    await folded();
    const opened = await rollupRows();
    expect(opened).toHaveLength(3);
    const before = await transitions(() => true);
    await c.changed(CaseStatus.NEW, CaseStatus.OPEN, 1);
    await c.changed(CaseStatus.OPEN, CaseStatus.IN_PROGRESS, 2);
    await transitions(
      (rows) =>
        countOf(rows, CaseStatus.OPEN, CaseStatus.IN_PROGRESS) ===
        countOf(before, CaseStatus.OPEN, CaseStatus.IN_PROGRESS) + 1,
    );
    await folded();
    // Still open, in the same backlog: neither change touched a rollup row.
    expect(await rollupRows()).toEqual(opened);
    await c.changed(CaseStatus.IN_PROGRESS, CaseStatus.CLOSED, 5);
    await countsOf(c.serviceCode, (r) => r.closed === 1);
    await folded();
    const closed = await rollupRows();
    expect(closed).toHaveLength(3);
    expect(closed.filter((row) => opened.includes(row))).toEqual([]);
  });

  it('puts a reopened case back in the backlog, and counts its next closure from the opening', async () => {
    const c = aCase();
    await c.opened();
    await c.changed(CaseStatus.OPEN, CaseStatus.CLOSED, 2);
    await countsOf(c.serviceCode, (r) => r.closed === 1);
    await c.changed(CaseStatus.CLOSED, CaseStatus.OPEN, 3);
    expect(await countsOf(c.serviceCode, (r) => r.closed === 0)).toMatchObject({
      count: 1,
      averageHoursToClose: null,
    });
    await c.changed(CaseStatus.OPEN, CaseStatus.CLOSED, 8);
    expect(await countsOf(c.serviceCode, (r) => r.closed === 1)).toMatchObject({
      count: 1,
      averageHoursToClose: 8,
    });
  });

  it('ends the same when a closure overtakes the opening, and an older change never wins', async () => {
    const c = aCase();
    await c.changed(CaseStatus.IN_PROGRESS, CaseStatus.CLOSED, 3);
    await countsOf(c.serviceCode, (r) => r.closed === 1);
    await c.opened();
    await c.changed(CaseStatus.OPEN, CaseStatus.IN_PROGRESS, 1);
    // A change published after the late one: once it is counted, the late one was handled (one
    // consumer of status changes, in order); the opening is in once the time to close is known.
    const marker = aCase();
    await marker.changed(CaseStatus.OPEN, CaseStatus.CLOSED, 1);
    await countsOf(marker.serviceCode, (r) => r.closed === 1);
    expect(await countsOf(c.serviceCode, (r) => r.averageHoursToClose !== null)).toEqual({
      key: c.serviceCode,
      count: 1,
      closed: 1,
      averageHoursToClose: 3,
    });
  });
  it('keeps a staff reopening of an imported case when its history arrives after it', async () => {
    const c = aCase();
    await c.changed(CaseStatus.CLOSED, CaseStatus.OPEN, 30);
    await countsOf(c.serviceCode, (r) => r.count === 1 && r.closed === 0);
    await analytics.publish(
      HistoryOpened,
      aHistoryOpened()
        .of(
          aCaseOpened()
            .forCase(c.ref)
            .forService(c.serviceCode)
            .openedAt(hoursLater(0))
            .imported({ sourceSystem: 'ottawa311', closedAt: hoursLater(2) }),
        )
        .build(),
    );
    const fact = await waitFor(
      async () => {
        const [row] = await analytics.database.rows(
          'SELECT status, closed_at, legacy_source FROM case_fact WHERE case_id = $1',
          [c.caseId],
        );
        return row?.legacy_source ? row : undefined;
      },
      { what: 'the imported opening' },
    );
    expect(fact).toMatchObject({ status: 'OPEN', closed_at: null });
  });
  it("shows a supervisor the counts and status changes of their departments' cases only", async () => {
    const department = uniqueName('dept');
    const supervisor = aStaffMember(Role.Supervisor, 'sup-counts', department);
    const [theirs, another] = [aCase(), aCase()];
    await theirs.opened();
    await another.opened();
    await analytics.publish(
      CaseRouted,
      aCaseRouted()
        .forCase({ ...theirs.ref, serviceCode: theirs.serviceCode })
        .toDepartment(department, `${department}.general`)
        .build(),
    );
    await theirs.changed(CaseStatus.OPEN, CaseStatus.CLOSED, 2);
    await another.changed(CaseStatus.OPEN, CaseStatus.CLOSED, 2);
    await countsOf(another.serviceCode, (r) => r.closed === 1);

    const seen = await waitFor(
      async () => {
        const res = await analytics.query<{
          statusTransitions: Transition[];
          byService: Count[];
          byDepartment: { key: string; count: number }[];
        }>(
          `{ statusTransitions { from to count }
             byService: caseCounts(groupBy: SERVICE) { key count closed averageHoursToClose }
             byDepartment: caseCounts(groupBy: DEPARTMENT) { key count } }`,
          {},
          supervisor,
        );
        expect(res.errors).toBeUndefined();
        return res.data!.byService[0]?.closed === 1 && res.data;
      },
      { what: "the supervisor's department's closure counted" },
    );
    expect(seen.statusTransitions).toEqual([{ from: 'OPEN', to: 'CLOSED', count: 1 }]);
    expect(seen.byService).toEqual([
      { key: theirs.serviceCode, count: 1, closed: 1, averageHoursToClose: 2 },
    ]);
    expect(seen.byDepartment).toEqual([{ key: department, count: 1 }]);
  });
});
