import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  CaseDeadlinesMoved,
  CaseOpened,
  CaseRouted,
  CaseStatus,
  Role,
  StatusChanged,
} from '@civitas/contracts';
import {
  aCaseDeadlinesMoved,
  aCaseOpened,
  aCaseRef,
  aCaseRouted,
  aStatusChanged,
  startServiceHarness,
  waitFor,
  type CaseRef,
  type ServiceHarness,
  aStaffMember,
} from '@civitas/testing';
import { ANALYTICS_APP } from '../app.module.js';
import { rollupContributionSql } from './rollup-contribution.sql.js';
import { ROLLUPS } from './rollup-keys.js';
import type { AnalyticsConfig } from '../config/analytics.config.js';
import { untilFolded } from '../testing/figures.js';

const ANALYST = aStaffMember(Role.Analyst, 'analyst-1');
const DEPARTMENT = 'parks';

// Every case is opened on Monday 2 March 2026 at 10:00 New York time, due the next day, and (but
// O) put on hold that afternoon with 19 hours of its target left (docs/adr/0068).
const OPENED = '2026-03-02T15:00:00.000Z';
const DUE = '2026-03-03T15:00:00.000Z';
const HELD = '2026-03-02T20:00:00.000Z';
// Resumed a week later: due 19 hours on.
const RESUMED = '2026-03-10T15:00:00.000Z';
const MOVED_DUE = '2026-03-11T10:00:00.000Z';

/**
 * A case whose clock is paused on hold is neither overdue nor late in the figures; resumed, it is
 * judged on the due time routing moved it to (`routing.evt.case-deadlines-moved.v1`,
 * docs/adr/0080). Before this, analytics read only the routing's due time: every held case here
 * counted as overdue, and R and C as missed.
 */
describe('held cases in the figures (Postgres + NATS)', () => {
  let analytics: ServiceHarness<AnalyticsConfig>;
  const ids: string[] = [];
  let changes = 0;
  let moves = 0;

  beforeAll(async () => {
    analytics = await startServiceHarness({
      ...ANALYTICS_APP,
      env: { ANALYTICS_TIME_ZONE: 'America/New_York' },
    });
  });

  afterAll(() => analytics?.dispose());

  function aCase(): CaseRef {
    const ref = aCaseRef();
    ids.push(ref.caseId);
    return ref;
  }

  async function openAndRoute(ref: CaseRef): Promise<void> {
    await analytics.publish(
      CaseOpened,
      aCaseOpened().forCase(ref).forService('tree').openedAt(OPENED).build(),
    );
    await analytics.publish(
      CaseRouted,
      aCaseRouted()
        .forCase({ ...ref, serviceCode: 'tree' })
        .toDepartment(DEPARTMENT)
        .due(DUE)
        .routedAt(OPENED)
        .build(),
    );
  }

  async function change(ref: CaseRef, from: CaseStatus, to: CaseStatus, at: string) {
    await analytics.publish(
      StatusChanged,
      aStatusChanged().forCase(ref).forService('tree').from(from).to(to).changedAt(at).build(),
    );
    changes += 1;
  }

  async function hold(ref: CaseRef): Promise<void> {
    await change(ref, CaseStatus.OPEN, CaseStatus.ON_HOLD, HELD);
    await analytics.publish(
      CaseDeadlinesMoved,
      aCaseDeadlinesMoved()
        .forCase(ref)
        .heldAt(HELD, 19 * 60)
        .build(),
    );
    moves += 1;
  }

  async function resume(ref: CaseRef): Promise<void> {
    await change(ref, CaseStatus.ON_HOLD, CaseStatus.OPEN, RESUMED);
    await analytics.publish(
      CaseDeadlinesMoved,
      aCaseDeadlinesMoved().forCase(ref).resumedAt(RESUMED, MOVED_DUE).build(),
    );
    moves += 1;
  }

  const allFolded = () =>
    untilFolded(analytics, {
      caseIds: ids,
      statusChanges: changes,
      taken: { 'analytics-case-deadlines-moved': moves },
    });

  const H = aCase(); // on hold still, past the due time it had when paused
  const R = aCase(); // resumed, closed after its first due time but before its moved one: met
  const L = aCase(); // resumed, closed after its moved due time: missed
  const C = aCase(); // closed while held: met
  const O = aCase(); // never held, open past its due time: overdue
  const CLOSED_R = '2026-03-11T09:00:00.000Z';
  const CLOSED_L = '2026-03-12T15:00:00.000Z';
  const CLOSED_C = '2026-03-20T15:00:00.000Z';

  beforeAll(async () => {
    // R's events arrive in the worst order: its resumption first, then the older hold (which
    // must change nothing), then its opening and routing (whose due time must not undo the move).
    await resume(R);
    await hold(R);
    await waitFor(
      async () => {
        const [row] = await analytics.database.rows(
          `SELECT count(*)::int AS n FROM inbox WHERE consumer = 'analytics-case-deadlines-moved'`,
        );
        return row.n === 2;
      },
      { what: "R's moves to be applied before its opening and routing are sent" },
    );
    await openAndRoute(R);
    await change(R, CaseStatus.OPEN, CaseStatus.CLOSED, CLOSED_R);

    for (const ref of [H, L, C, O]) {
      await openAndRoute(ref);
    }
    await hold(H);
    await hold(L);
    await resume(L);
    await change(L, CaseStatus.OPEN, CaseStatus.CLOSED, CLOSED_L);
    await hold(C);
    await change(C, CaseStatus.ON_HOLD, CaseStatus.CLOSED, CLOSED_C);
    await allFolded();
  });

  it('counts a held case neither overdue now nor late, and judges a resumed one on its moved due time', async () => {
    const res = await analytics.query<{ caseStats: Record<string, unknown>[] }>(
      `query($f: CaseStatsFilter) { caseStats(filter: $f) { received closed open slaMet slaMissed overdueNow } }`,
      { f: { from: '2026-03-01', to: '2026-03-31', departmentCodes: [DEPARTMENT] } },
      ANALYST,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.caseStats).toEqual([
      // Open: H (held) and O; overdue now: O alone. Met: R (by its moved due time) and C
      // (closed held); missed: L (after its moved due time).
      { received: 5, closed: 3, open: 2, slaMet: 2, slaMissed: 1, overdueNow: 1 },
    ]);
  });

  it('keeps a held case out of the overdue backlog, and a resumed one in it from its moved due day', async () => {
    const backlog = async (to: string) => {
      const res = await analytics.query<{ backlog: { open: number; overdue: number }[] }>(
        `query($f: CaseStatsFilter) { backlog(filter: $f) { open overdue } }`,
        { f: { to, departmentCodes: [DEPARTMENT] } },
        ANALYST,
      );
      expect(res.errors).toBeUndefined();
      return res.data!.backlog[0];
    };
    // All five open; overdue counts from the end of the due day: O alone, the others held.
    expect(await backlog('2026-03-09')).toEqual({ open: 5, overdue: 1 });
    // The end of 11 March: R closed that morning, L resumed and past its moved due time.
    expect(await backlog('2026-03-11')).toEqual({ open: 4, overdue: 2 });
    // The end of March: H held, O overdue (L, R and C closed).
    expect(await backlog('2026-03-31')).toEqual({ open: 2, overdue: 1 });
  });

  it('are, after every move, what a rebuild of every rollup from the facts gives', async () => {
    const sql = await analytics.database.dataSource();
    for (const rollup of ROLLUPS) {
      const snapshot = async () =>
        (
          await sql.query<Record<string, unknown>[]>(
            `SELECT * FROM ${rollup.table}
             WHERE received <> 0 OR still_open <> 0 OR still_open_due <> 0 OR closed <> 0
               OR sla_met <> 0 OR sla_missed <> 0 OR became_overdue <> 0 OR overdue_ended <> 0
             ORDER BY ${['day', ...rollup.keys].join(', ')}`,
          )
        ).map((row) => JSON.stringify(row));
      const kept = await snapshot();
      expect({ table: rollup.table, rows: kept.length > 0 }).toEqual({
        table: rollup.table,
        rows: true,
      });
      await sql.transaction(async (manager) => {
        await manager.query(`TRUNCATE ${rollup.table}`);
        await manager.query(rollupContributionSql(rollup, 'true', '$1', '1'), [
          analytics.config.ANALYTICS_TIME_ZONE,
        ]);
      });
      expect({ table: rollup.table, rows: await snapshot() }).toEqual({
        table: rollup.table,
        rows: kept,
      });
    }
  });
});
