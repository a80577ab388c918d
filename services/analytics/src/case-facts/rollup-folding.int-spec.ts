import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CaseOpened, Role } from '@civitas/contracts';
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

const ANALYST = aStaffMember(Role.Analyst, 'analyst-f');
const RECEIVED = `query($f: CaseStatsFilter) {
  caseStats(filter: $f, groupBy: [SERVICE], interval: DAY) { key { service } received }
}`;

/**
 * The rollups are folded behind the facts (docs/adr/0087). Here the folding runs first a minute
 * after the start, so what is pending stays pending for the test.
 */
describe('analytics: the figures folded behind the facts', () => {
  let analytics: ServiceHarness<AnalyticsConfig>;
  const rarely = { ANALYTICS_ROLLUP_FOLD_MS: '60000' };

  beforeAll(async () => {
    analytics = await startServiceHarness({ ...ANALYTICS_APP, env: rarely });
  });

  afterAll(() => analytics?.dispose());

  const received = async (serviceCode: string) => {
    const res = await analytics.query<{ caseStats: { received: number }[] }>(
      RECEIVED,
      { f: { serviceCodes: [serviceCode], from: '2026-11-01', to: '2026-11-30' } },
      ANALYST,
    );
    expect(res.errors).toBeUndefined();
    return res.data!.caseStats.reduce((sum, row) => sum + row.received, 0);
  };

  it('counts what was pending when analytics stopped once it starts again, exactly once', async () => {
    const serviceCode = uniqueName('svc');
    const cases = [aCaseRef(), aCaseRef(), aCaseRef()];
    for (const ref of cases) {
      await analytics.publish(
        CaseOpened,
        aCaseOpened()
          .forCase(ref)
          .forService(serviceCode)
          .openedAt('2026-11-12T14:00:00.000Z')
          .build(),
      );
    }
    await waitFor(
      async () => {
        const [row] = await analytics.database.rows(
          `SELECT count(*)::int AS facts,
                  (SELECT count(*)::int FROM rollup_pending WHERE case_id = ANY($1)) AS pending
           FROM case_fact WHERE case_id = ANY($1) AND opened_at IS NOT NULL`,
          [cases.map((c) => c.caseId)],
        );
        return row.facts === 3 && row.pending === 3;
      },
      { what: 'the openings recorded, waiting to be folded' },
    );
    // Recorded, not yet in the figures: the next round is a minute away.
    expect(await received(serviceCode)).toBe(0);

    await analytics.stop();
    await analytics.start({ env: { ANALYTICS_ROLLUP_FOLD_MS: '250' } });

    // The first round after the start folds what was pending, once.
    expect(
      await waitFor(
        async () => {
          const n = await received(serviceCode);
          return n >= cases.length ? n : undefined;
        },
        { what: 'the pending openings in the figures' },
      ),
    ).toBe(3);
    const [row] = await analytics.database.rows(
      'SELECT count(*)::int AS pending FROM rollup_pending WHERE case_id = ANY($1)',
      [cases.map((c) => c.caseId)],
    );
    expect(row.pending).toBe(0);
  });
});
