import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CaseStatus, Role } from '@civitas/contracts';
import {
  aCaseOpened,
  aCaseRef,
  startServiceHarness,
  waitFor,
  type ServiceHarness,
  aStaffMember,
} from '@civitas/testing';
import { ANALYTICS_APP } from '../app.module.js';
import type { AnalyticsConfig } from '../config/analytics.config.js';
import { percentile, publishHistory } from '../testing/figures.js';

const ANALYST = aStaffMember(Role.Analyst, 'analyst-h');
const STATS = `query($f: CaseStatsFilter) {
  caseStats(filter: $f, groupBy: [SERVICE], interval: MONTH) {
    key { service period } received closed medianHoursToClose p90HoursToClose
  }
}`;

interface Row {
  key: { service: string; period: string };
  received: number;
  closed: number;
  medianHoursToClose: number | null;
  p90HoursToClose: number | null;
}

const HOUR = 3_600_000;

/** 80 closed cases of `water`, opened from 10 January 2026, taking from 3 minutes to 60 days. */
const CASES = Array.from({ length: 80 }, (_, i) => {
  const opened = Date.parse('2026-01-10T15:00:00.000Z') + i * 13 * HOUR;
  const hours = 0.05 * 1.13 ** i;
  return {
    openedAt: new Date(opened).toISOString(),
    closedAt: new Date(opened + hours * HOUR).toISOString(),
    hours,
  };
});

/**
 * Medians and 90th percentiles from the rollups' histograms (docs/adr/0064), forced here for every
 * question (`ANALYTICS_EXACT_PERCENTILES_UP_TO` 0): within a bucket of the exact figures, for a
 * range read from a monthly rollup for its whole month and a daily one for the days before it.
 */
describe('analytics: percentiles of hours to close from the histograms', () => {
  let analytics: ServiceHarness<AnalyticsConfig>;

  beforeAll(async () => {
    analytics = await startServiceHarness({
      ...ANALYTICS_APP,
      env: { ANALYTICS_TIME_ZONE: 'America/New_York', ANALYTICS_EXACT_PERCENTILES_UP_TO: '0' },
    });
    const opened = CASES.map((c) =>
      aCaseOpened()
        .forCase(aCaseRef())
        .forService('water')
        .openedAt(c.openedAt)
        .imported({ sourceSystem: 'nyc311', status: CaseStatus.CLOSED, closedAt: c.closedAt })
        .build(),
    );
    await publishHistory(
      analytics,
      opened.map((o) => ({ opened: o, department: 'utilities', dueAt: o.openedAt })),
    );
  });

  afterAll(() => analytics?.dispose());

  it('are within a bucket of the exact ones, over whole and partial months', async () => {
    // Closures and openings from 20 January (a day of the daily rollup) to the end of February
    // (a whole month of the monthly one), New York's months.
    const from = Date.parse('2026-01-20T05:00:00.000Z');
    const to = Date.parse('2026-03-01T05:00:00.000Z');
    const monthOf = (at: number) => new Date(at - 5 * HOUR).toISOString().slice(0, 8).concat('01');
    const closedIn = (month: string) =>
      CASES.filter((c) => {
        const at = Date.parse(c.closedAt);
        return at >= from && at < to && monthOf(at) === month;
      }).map((c) => c.hours);
    const receivedIn = (month: string) =>
      CASES.filter((c) => {
        const at = Date.parse(c.openedAt);
        return at >= from && at < to && monthOf(at) === month;
      }).length;
    const rows = await waitFor(
      async () => {
        const res = await analytics.query<{ caseStats: Row[] }>(
          STATS,
          { f: { from: '2026-01-20', to: '2026-02-28' } },
          ANALYST,
        );
        expect(res.errors).toBeUndefined();
        const found = res.data!.caseStats;
        const all = found.reduce((n, r) => n + r.received, 0);
        return all === receivedIn('2026-01-01') + receivedIn('2026-02-01') ? found : undefined;
      },
      { what: 'the history to be folded into the rollups' },
    );
    expect(rows.map((r) => r.key.period)).toEqual(['2026-01-01', '2026-02-01']);
    for (const row of rows) {
      const hours = closedIn(row.key.period);
      expect(hours.length).toBeGreaterThan(5);
      expect(row.closed).toBe(hours.length);
      expect(row.received).toBe(receivedIn(row.key.period));
      for (const [figure, p] of [
        [row.medianHoursToClose, 0.5],
        [row.p90HoursToClose, 0.9],
      ] as const) {
        const exact = percentile(hours, p);
        expect(figure).not.toBeNull();
        // A bucket is 24.7% wide: an estimate is at worst a bucket away.
        expect(figure! / exact).toBeGreaterThan(1 / 1.25);
        expect(figure! / exact).toBeLessThan(1.25);
      }
    }
  });
});
