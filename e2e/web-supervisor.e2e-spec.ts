import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '@civitas/contracts';
import {
  aChangeCaseStatusInput,
  aLegacyRecordInput,
  anImportLegacyRecordsInput,
  waitFor,
} from '@civitas/testing';
import type { Page } from 'playwright-core';
import { startE2ePlatform, type E2ePlatform, type RoutedReport } from './platform.js';
import {
  expectAccessible,
  expectOnlyPublicApiCalls,
  openBrowser,
  screenshots,
  type WebBrowser,
} from './web-browser.js';

const IMPORT = `mutation($i: ImportLegacyRecordsInput!) {
  importLegacyRecords(input: $i) { records { ticketNumber } rejected { field reason } }
}`;
const OVERDUE = `query($d: String) { overdueCases(departmentCode: $d) { ticketNumber } }`;
const CHANGE = `mutation($i: ChangeCaseStatusInput!) { changeCaseStatus(input: $i) { status } }`;
const DAY_MS = 86_400_000;

/*
 * The supervisor's dashboard (issue 13, docs/adr/0082) in Chromium against the whole platform: the
 * figures come from analytics through the public GraphQL API, so a case closed elsewhere shows in
 * them once analytics has counted it, and a case past its due time shows in the overdue list.
 */
describe('the supervisor dashboard in a real browser', () => {
  let e2e: E2ePlatform;
  let web: WebBrowser;
  let page: Page;
  let base: string;
  let routed: RoutedReport;
  let overdueTicket: string;
  let closedBefore: number;

  beforeAll(async () => {
    e2e = await startE2ePlatform();
    base = e2e.platform.baseUrl('gateway');
    web = await openBrowser();
    page = web.page;

    routed = await e2e.submitRouted({
      serviceCode: 'pothole',
      description: 'Pothole the supervisor will see closed',
      location: { latitude: 40.7128, longitude: -74.006, address: '1 Centre St' },
    });
    // A case received five days ago and still open, imported from a legacy system: long past its
    // due time, in the same department.
    const admin = await e2e.token(Role.Admin, { sub: 'e2e-web-admin' });
    const imported = await e2e.call<{
      importLegacyRecords: { records: { ticketNumber: string }[]; rejected: unknown[] };
    }>(
      IMPORT,
      {
        i: anImportLegacyRecordsInput(`web-supervisor-${e2e.prefix.replace(/_/g, '-')}`)
          .withRecords(
            aLegacyRecordInput('overdue-1')
              .open()
              .with({
                openedAt: new Date(Date.now() - 5 * DAY_MS).toISOString(),
                description: 'Pothole open for five days',
                location: { latitude: 40.7306, longitude: -73.9866 },
              })
              .build(),
          )
          .build(),
      },
      admin,
    );
    expect(imported.errors).toBeUndefined();
    expect(imported.data!.importLegacyRecords.rejected).toEqual([]);
    overdueTicket = imported.data!.importLegacyRecords.records[0].ticketNumber;
    const supervisor = await e2e.token(Role.Supervisor, { departments: [routed.departmentCode] });
    await waitFor(
      async () =>
        (
          await e2e.call<{ overdueCases: { ticketNumber: string }[] }>(
            OVERDUE,
            { d: routed.departmentCode },
            supervisor,
          )
        ).data?.overdueCases.some((c) => c.ticketNumber === overdueTicket),
      { what: `${overdueTicket} overdue` },
    );
  });

  afterAll(async () => {
    await web?.close();
    await e2e?.dispose();
  });

  /** Asks again (the Show button) and reads the "Closed" figure once the answer is shown. */
  async function closedFigure(): Promise<number> {
    await Promise.all([
      page.waitForResponse((r) => (r.request().postData() ?? '').includes('DashboardFigures')),
      page.getByRole('button', { name: 'Show' }).click(),
    ]);
    await page.getByRole('button', { name: 'Show' }).waitFor();
    return Number(await page.getByTestId('figure-closed').textContent());
  }

  it('a supervisor signs in and sees the figures, the charts with their tables, the overdue case and the team', async () => {
    await page.goto(`${base}/sign-in`);
    await page.getByLabel('Role').selectOption('supervisor');
    await page.getByLabel('Department codes').fill(routed.departmentCode);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Supervisor dashboard' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/supervisor');

    await page.getByTestId('figure-closed').waitFor();
    closedBefore = Number(await page.getByTestId('figure-closed').textContent());
    for (const chart of ['received-closed', 'backlog']) {
      expect(await page.getByTestId(`chart-${chart}`).locator('svg').count()).toBeGreaterThan(0);
    }
    // Nothing closed yet: no blank axes, the summary says so.
    expect(await page.getByTestId('chart-sla').textContent()).toContain(
      'No closure with a due time in these dates.',
    );
    expect(await page.getByTestId('chart-demand').getByRole('table').count()).toBe(1);
    expect(await page.getByRole('img', { name: /places most cases came from/ }).isVisible()).toBe(
      true,
    );

    const overdue = page.getByTestId('overdue-cases').getByRole('row', { name: overdueTicket });
    await overdue.waitFor();
    expect(await overdue.textContent()).toMatch(/\d+ d \d+ h/);
    expect(await page.getByTestId(`workload-${routed.departmentCode}`).isVisible()).toBe(true);
    await expectAccessible(page);
    await screenshots(page, 'supervisor-dashboard');
  });

  it('shows a case closed through the API in the closed figure, and the day’s row in the chart’s table, opened by keyboard', async () => {
    const caseworker = await e2e.token(Role.Caseworker, { departments: [routed.departmentCode] });
    const closed = await e2e.call(
      CHANGE,
      {
        i: aChangeCaseStatusInput(routed.ticketNumber, 'CLOSED')
          .withPublicNote('Filled today.')
          .build(),
      },
      caseworker,
    );
    expect(closed.errors).toBeUndefined();

    expect(
      await waitFor(async () => (await closedFigure()) === closedBefore + 1, {
        what: 'the closure in the dashboard',
        intervalMs: 500,
      }),
    ).toBe(true);
    // Closed within its due time: the service level chart has a figure now.
    expect(await page.getByTestId('figure-sla').textContent()).toBe('100 %');
    expect(await page.getByTestId('chart-sla').locator('svg').count()).toBeGreaterThan(0);

    const chart = page.getByTestId('chart-received-closed');
    await chart.getByText('Show the figures as a table').focus();
    await page.keyboard.press('Enter');
    const rows = chart.getByRole('table').getByRole('row');
    await rows.first().waitFor();
    const closedPerDay = await rows.evaluateAll((trs) =>
      trs.slice(1).map((tr) => Number(tr.querySelectorAll('td')[1]?.textContent ?? 0)),
    );
    expect(closedPerDay.reduce((s, n) => s + n, 0)).toBe(closedBefore + 1);
    await expectAccessible(page);
  });

  it('refuses a date range that ends before it starts, naming the field', async () => {
    await page.getByLabel('From', { exact: true }).fill('2026-03-10');
    await page.getByLabel('To', { exact: true }).fill('2026-03-01');
    await page.getByRole('button', { name: 'Show' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
    await summary.waitFor();
    expect(await summary.textContent()).toContain('To: must not be before From');
    expect(await page.getByLabel('To', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page);
    await screenshots(page, 'supervisor-filter-error');
  });

  it('speaks Spanish', async () => {
    await page.reload();
    await page.getByRole('button', { name: 'Español' }).click();
    await page.getByRole('heading', { level: 1, name: 'Panel de supervisión' }).waitFor();
    await page.getByTestId('figure-closed').waitFor();
    await page.getByTestId('overdue-cases').getByRole('row', { name: overdueTicket }).waitFor();
    expect(await page.getByRole('heading', { name: 'Casos vencidos' }).isVisible()).toBe(true);
    await expectAccessible(page);
    await screenshots(page, 'supervisor-dashboard-es');
    await page.getByRole('button', { name: 'English' }).click();
  });

  it('called only the public GraphQL API and the development sign-in', () => {
    expectOnlyPublicApiCalls(web.requests, base);
  });
});
