import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CaseOpened, CaseOverdue, CaseRouted, Role } from '@civitas/contracts';
import {
  aCaseOpened,
  aCaseOverdue,
  aCaseRef,
  aCaseRouted,
  startServiceHarness,
  uniqueName,
  type CaseRef,
  type ServiceHarness,
  aStaffMember,
} from '@civitas/testing';
import { ANALYTICS_APP } from '../app.module.js';
import type { AnalyticsConfig } from '../config/analytics.config.js';
import { untilFolded } from '../testing/figures.js';
import { rollupContributionSql } from './rollup-contribution.sql.js';
import { ROLLUPS } from './rollup-keys.js';

const ANALYST = aStaffMember(Role.Analyst, 'analyst-e');
const STATS = `query($f: CaseStatsFilter, $g: [StatsDimension!], $i: StatsInterval) {
  caseStats(filter: $f, groupBy: $g, interval: $i) { key { department period } received escalated }
}`;

// Opened Monday 2 March 2026 at 10:00 New York time, due the next day.
const OPENED = '2026-03-02T15:00:00.000Z';
const DUE = '2026-03-03T15:00:00.000Z';
// Found overdue on Tuesday 3 March (New York), one on Thursday 5 March at 21:30 New York time (the
// 6th in UTC: the figure's day is the jurisdiction's).
const TUESDAY = '2026-03-03T15:00:05.000Z';
const THURSDAY_EVENING = '2026-03-06T02:30:00.000Z';

interface Row {
  key: { department: string | null; period: string | null };
  received: number;
  escalated: number;
}

/**
 * Escalations (`routing.evt.case-overdue.v1`) in the figures: `escalated` per department and day,
 * kept in the rollups like every other figure and the same after a rebuild (docs/adr/0084).
 */
describe('analytics: escalated cases in the figures', () => {
  let analytics: ServiceHarness<AnalyticsConfig>;
  const service = uniqueName('svc');
  const ids: string[] = [];

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

  async function open(ref: CaseRef, department: string): Promise<void> {
    await analytics.publish(
      CaseOpened,
      aCaseOpened().forCase(ref).forService(service).openedAt(OPENED).build(),
    );
    await analytics.publish(
      CaseRouted,
      aCaseRouted()
        .forCase({ ...ref, serviceCode: service })
        .toDepartment(department)
        .due(DUE)
        .routedAt(OPENED)
        .build(),
    );
  }

  const escalate = (ref: CaseRef, department: string, at: string) =>
    analytics.publish(
      CaseOverdue,
      aCaseOverdue()
        .forCase(ref)
        .forService(service)
        .ofDepartment(department)
        .due(DUE)
        .detectedAt(at)
        .build(),
    );

  const stats = async (variables: Record<string, unknown>): Promise<Row[]> => {
    const res = await analytics.query<{ caseStats: Row[] }>(
      STATS,
      { f: { serviceCodes: [service], from: '2026-03-01', to: '2026-03-31' }, ...variables },
      ANALYST,
    );
    expect(res.errors).toBeUndefined();
    return res.data!.caseStats;
  };

  const [A, B, C, D, Q] = [aCase(), aCase(), aCase(), aCase(), aCase()];

  beforeAll(async () => {
    await open(A, 'streets');
    await open(B, 'streets');
    await open(C, 'parks');
    await open(Q, 'parks'); // never escalated
    await escalate(A, 'streets', TUESDAY);
    await escalate(C, 'parks', TUESDAY);
    await escalate(B, 'streets', THURSDAY_EVENING);
    // Delivered again (a redelivery, or a replay from a new durable): still one escalation, the first.
    await escalate(A, 'streets', THURSDAY_EVENING);
    // An escalation that overtakes its case's opening counts once the opening arrives.
    await escalate(D, 'parks', TUESDAY);
    await open(D, 'parks');
    await untilFolded(analytics, { caseIds: ids, taken: { 'analytics-case-overdue': 5 } });
  });

  it('counts each escalated case once, per department, on the local day it was escalated', async () => {
    const daily = await stats({ g: ['DEPARTMENT'], i: 'DAY' });
    expect(daily.map((r) => [r.key.department, r.key.period, r.received, r.escalated])).toEqual([
      ['parks', '2026-03-02', 3, 0],
      ['parks', '2026-03-03', 0, 2],
      ['streets', '2026-03-02', 2, 0],
      ['streets', '2026-03-03', 0, 1],
      ['streets', '2026-03-05', 0, 1],
    ]);
    // The month and the whole range, from the monthly rollups.
    expect((await stats({ i: 'MONTH' })).map((r) => [r.key.period, r.escalated])).toEqual([
      ['2026-03-01', 4],
    ]);
    expect((await stats({})).map((r) => [r.received, r.escalated])).toEqual([[5, 4]]);
  });

  it('are, in every rollup, what a rebuild from the facts gives', async () => {
    const sql = await analytics.database.dataSource();
    for (const rollup of ROLLUPS) {
      const snapshot = async () =>
        (
          await sql.query<Record<string, unknown>[]>(
            `SELECT * FROM ${rollup.table}
             WHERE received <> 0 OR escalated <> 0
             ORDER BY ${['day', ...rollup.keys].join(', ')}`,
          )
        ).map((row) => JSON.stringify(row));
      const kept = await snapshot();
      expect({
        table: rollup.table,
        escalated: kept.some((r) => r.includes('"escalated":2')),
      }).toEqual({
        table: rollup.table,
        escalated: true,
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
