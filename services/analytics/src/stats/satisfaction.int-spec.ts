import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CaseOpened, Role, SatisfactionRecorded } from '@civitas/contracts';
import {
  aCaseOpened,
  aCaseRef,
  startServiceHarness,
  uniqueName,
  waitFor,
  type ServiceHarness,
  aStaffMember,
} from '@civitas/testing';
import { ANALYTICS_APP } from '../app.module.js';
import type { AnalyticsConfig } from '../config/analytics.config.js';

const ANALYST = aStaffMember(Role.Analyst, 'analyst-s');
const STATS = `query($f: CaseStatsFilter) {
  caseStats(filter: $f, groupBy: [SERVICE], interval: DAY) {
    key { service period } received satisfactionAverage satisfactionResponses
  }
}`;

interface Row {
  key: { service: string; period: string };
  received: number;
  satisfactionAverage: number | null;
  satisfactionResponses: number;
}

/** `caseStats` satisfaction figures from `satisfaction-recorded` (docs/adr/0060). */
describe('analytics: closure survey answers in the figures', () => {
  let analytics: ServiceHarness<AnalyticsConfig>;

  beforeAll(async () => {
    analytics = await startServiceHarness(ANALYTICS_APP);
  });

  afterAll(() => analytics?.dispose());

  const answered = (
    ref: { caseId: string; ticketNumber: string },
    serviceCode: string,
    score: number,
    at: string,
  ) =>
    analytics.publish(SatisfactionRecorded, {
      ...ref,
      serviceCode,
      score,
      answeredAt: at,
    });

  const rowsOf = (serviceCode: string, until: (rows: Row[]) => boolean) =>
    waitFor(
      async () => {
        const res = await analytics.query<{ caseStats: Row[] }>(
          STATS,
          { f: { serviceCodes: [serviceCode], from: '2026-11-01', to: '2026-11-30' } },
          ANALYST,
        );
        expect(res.errors).toBeUndefined();
        return until(res.data!.caseStats) ? res.data!.caseStats : undefined;
      },
      { what: `figures of ${serviceCode}` },
    );

  it('averages each case’s latest answer on the day it was given; null, never 0, on days without answers', async () => {
    const serviceCode = uniqueName('svc');
    const [a, b] = [aCaseRef(), aCaseRef()];
    for (const ref of [a, b]) {
      await analytics.publish(
        CaseOpened,
        aCaseOpened()
          .forCase(ref)
          .forService(serviceCode)
          .openedAt('2026-11-10T15:00:00.000Z')
          .build(),
      );
    }
    // New York days: both answered on the 12th; a answers again (another link) on the 14th.
    await answered(a, serviceCode, 4, '2026-11-12T15:00:00.000Z');
    await answered(b, serviceCode, 1, '2026-11-12T16:00:00.000Z');
    await answered(a, serviceCode, 2, '2026-11-14T15:00:00.000Z');
    // An older answer delivered late changes nothing: the latest counts.
    await answered(b, serviceCode, 5, '2026-11-11T15:00:00.000Z');

    const rows = await rowsOf(
      serviceCode,
      (r) => r.reduce((n, row) => n + row.satisfactionResponses, 0) === 2 && r.length === 3,
    );
    expect(
      rows.map((r) => [r.key.period, r.received, r.satisfactionAverage, r.satisfactionResponses]),
    ).toEqual([
      ['2026-11-10', 2, null, 0],
      ['2026-11-12', 0, 1, 1],
      ['2026-11-14', 0, 2, 1],
    ]);
  });

  it('counts an answer that overtook its case’s opening once the opening arrives', async () => {
    const serviceCode = uniqueName('svc');
    const ref = aCaseRef();
    await answered(ref, serviceCode, 5, '2026-11-20T15:00:00.000Z');
    await analytics.publish(
      CaseOpened,
      aCaseOpened()
        .forCase(ref)
        .forService(serviceCode)
        .openedAt('2026-11-18T15:00:00.000Z')
        .build(),
    );
    const rows = await rowsOf(serviceCode, (r) => r.length === 2);
    expect(rows.map((r) => [r.key.period, r.satisfactionAverage, r.satisfactionResponses])).toEqual(
      [
        ['2026-11-18', null, 0],
        ['2026-11-20', 5, 1],
      ],
    );
  });
});
