import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '@civitas/contracts';
import {
  aChangeCaseStatusInput,
  aLegacyRecordInput,
  anImportLegacyRecordsInput,
  startTestSmtpRelay,
  waitFor,
  type TestSmtpRelay,
} from '@civitas/testing';
import type { Page } from 'playwright-core';
import { startE2ePlatform, type E2ePlatform, type RoutedReport } from './platform.js';
import {
  expectAccessible,
  expectOnlyPublicApiCalls,
  screenshots,
  startWebSpec,
  type WebSpec,
} from './web-browser.js';

const IMPORT = `mutation($i: ImportLegacyRecordsInput!) {
  importLegacyRecords(input: $i) { records { ticketNumber } rejected { field reason } }
}`;
const OVERDUE = `query($d: String) { overdueCases(departmentCode: $d) { ticketNumber } }`;
const CHANGE = `mutation($i: ChangeCaseStatusInput!) { changeCaseStatus(input: $i) { status } }`;
const DAY_MS = 86_400_000;
const ROUTED = `query($t: String!) { caseByTicket(ticketNumber: $t) { priority queue { code } } }`;
const FAILED = `query { failedNotifications(first: 100) { caseId template } }`;

/*
 * The supervisor's dashboard (issue 13, docs/adr/0082) in Chromium against the whole platform: the
 * figures come from analytics through the public GraphQL API, so a case closed elsewhere shows in
 * them once analytics has counted it, and a case past its due time shows in the overdue list.
 */
describe('the supervisor dashboard in a real browser', () => {
  let e2e: E2ePlatform;
  let web: WebSpec;
  let page: Page;
  let base: string;
  let routed: RoutedReport;
  let overdueTicket: string;
  let closedBefore: number;
  let sinkhole: RoutedReport;
  let relay: TestSmtpRelay;

  beforeAll(async () => {
    // Every notification fails at its first attempt: the failed messages page has one to show.
    // (A relay that refuses every recipient, listening for the spec's whole life: a port merely
    // closed could be taken by one of the platform's own listeners and answer something else.)
    relay = await startTestSmtpRelay({
      refuse: (recipient) => ({ responseCode: 451, message: `mailbox ${recipient} unavailable` }),
    });
    web = await startWebSpec({
      NOTIFY_SMTP_URL: relay.url,
      NOTIFY_MAX_ATTEMPTS: '1',
      NOTIFY_POLL_MS: '100',
    });
    ({ e2e, page, base } = web);

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
    await web?.dispose();
    await relay?.close();
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

  it('opens on the department the overdue e-mail links to, through the sign-in', async () => {
    const department = routed.departmentCode;
    await page.getByRole('button', { name: 'Sign out' }).click();
    // The e-mail's link: OVERDUE_CASES_URL?departmentCode=… (docs/adr/0067), in a signed-out tab.
    await page.goto(`${base}/supervisor?departmentCode=${department}`);
    await page.getByRole('link', { name: 'Sign in as a supervisor to see the dashboard.' }).click();
    await page.getByLabel('Role').selectOption('supervisor');
    await page.getByLabel('Department codes').fill(`${department}, parks`);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Supervisor dashboard' }).waitFor();
    expect(new URL(page.url()).search).toBe(`?departmentCode=${department}`);
    await page.getByTestId(`workload-${department}`).waitFor();
    // That department only, not "all my departments": its workload alone, its overdue case.
    expect(await page.getByLabel('Department').inputValue()).toBe(department);
    expect(await page.getByTestId('workload-parks').count()).toBe(0);
    await page.getByTestId('overdue-cases').getByRole('row', { name: overdueTicket }).waitFor();
  });

  it('saves a routing rule (a bad target refused, naming the field), previews it, and a new case is routed by it', async () => {
    const department = routed.departmentCode;
    await page.getByRole('link', { name: 'Routing rules' }).click();
    await page.getByRole('heading', { level: 1, name: 'Routing rules' }).waitFor();
    await page.getByText('No rule yet').waitFor();

    await page.getByLabel('Name').fill('Sinkholes first');
    await page.getByRole('group', { name: 'Services' }).getByLabel('Pothole').check();
    await page.getByLabel('Words in the description').fill('sinkhole, cave-in');
    await page.getByLabel('Department', { exact: true }).selectOption(department);
    await page.getByLabel('Queue').selectOption(`${department}.priority`);
    await page.getByLabel('Priority').selectOption('HIGH');
    await page.getByLabel('Target in hours').fill('0');
    await page.getByRole('button', { name: 'Save the rule' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
    await summary.waitFor();
    expect(await summary.textContent()).toContain('Target in hours: slaHours must be a positive');
    expect(await page.getByLabel('Target in hours').getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page);
    await screenshots(page, 'routing-rule-error');

    await page.getByLabel('Target in hours').fill('6');
    await page.getByRole('button', { name: 'Save the rule' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: 'Rule “Sinkholes first” saved (version 1).' })
      .waitFor();
    const row = page.getByTestId('routing-rules').getByRole('row', { name: /Sinkholes first/ });
    await row.waitFor();
    expect(await row.textContent()).toContain('words: sinkhole, cave-in');

    // How a case would be routed now: by the saved rule.
    await page.getByLabel('Service', { exact: true }).selectOption('pothole');
    await page.getByLabel('Description', { exact: true }).fill('A sinkhole opened by the bus stop');
    await page.getByRole('button', { name: 'Preview' }).click();
    await page.getByTestId('preview-rule').filter({ hasText: 'Sinkholes first' }).waitFor();
    expect(await page.getByTestId('preview-department').textContent()).toBe(department);
    expect(await page.getByTestId('preview-queue').textContent()).toBe(`${department}.priority`);
    expect(await page.getByTestId('preview-priority').textContent()).toBe('High');
    expect(await page.getByTestId('preview-due').textContent()).toContain('6 hours');
    // Changed: the whole rule back in the form, saved as version 2; the history has both.
    await page.getByRole('button', { name: 'Edit Sinkholes first' }).click();
    expect(await page.getByLabel('Words in the description').inputValue()).toBe(
      'sinkhole, cave-in',
    );
    await page.getByLabel('Target in hours').fill('8');
    await page.getByRole('button', { name: 'Save the rule' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: 'Rule “Sinkholes first” saved (version 2).' })
      .waitFor();
    await page.getByRole('button', { name: 'History of Sinkholes first' }).click();
    const versions = page.getByTestId('rule-history').getByRole('row');
    await versions.filter({ hasText: 'Changed' }).waitFor();
    expect(await versions.filter({ hasText: 'Created' }).textContent()).toContain('6 hours');
    expect(await versions.filter({ hasText: 'Changed' }).textContent()).toContain('8 hours');
    await expectAccessible(page);
    await screenshots(page, 'routing-rules');

    await page.getByRole('button', { name: 'Español' }).click();
    await page.getByRole('heading', { level: 1, name: 'Reglas de asignación' }).waitFor();
    expect(await page.getByTestId('preview-priority').textContent()).toBe('Alta');
    await expectAccessible(page);
    await screenshots(page, 'routing-rules-es');
    await page.getByRole('button', { name: 'English' }).click();

    // A new case with those words goes where the rule says; its reporter is told (and that fails).
    sinkhole = await e2e.submitRouted({
      serviceCode: 'pothole',
      description: 'A sinkhole opened by the bus stop',
      location: { latitude: 40.7128, longitude: -74.006 },
      reporter: { firstName: 'Rita', lastName: 'Moreno', email: 'rita.moreno@example.org' },
    });
    const admin = await e2e.token(Role.Admin, { sub: 'e2e-web-admin' });
    const found = await e2e.call<{
      caseByTicket: { priority: string; queue: { code: string } | null };
    }>(ROUTED, { t: sinkhole.ticketNumber }, admin);
    expect(found.data?.caseByTicket).toEqual({
      priority: 'HIGH',
      queue: { code: `${department}.priority` },
    });
  });

  it('lists the notification that could not be sent, linked to its case, and no failed e-mail reply', async () => {
    const supervisor = await e2e.token(Role.Supervisor, { departments: [routed.departmentCode] });
    await waitFor(
      async () =>
        (
          await e2e.call<{ failedNotifications: { caseId: string }[] }>(FAILED, {}, supervisor)
        ).data?.failedNotifications.some((n) => n.caseId === sinkhole.caseId),
      { what: `a failed notification for ${sinkhole.ticketNumber}` },
    );
    await page.getByRole('link', { name: 'Failed messages' }).click();
    await page
      .getByRole('heading', { level: 1, name: 'Messages that could not be delivered' })
      .waitFor();
    const row = page
      .getByTestId('failed-notifications')
      .getByRole('row')
      .filter({ has: page.getByRole('link', { name: sinkhole.ticketNumber }) })
      .first();
    await row.waitFor();
    expect(await row.textContent()).toContain('The resident');
    expect(await row.textContent()).toContain('e-mail');
    await page.getByText('No reply has failed.').waitFor();
    await expectAccessible(page);
    await screenshots(page, 'failed-messages');
    await page.getByRole('button', { name: 'Español' }).click();
    await page
      .getByRole('heading', { level: 1, name: 'Mensajes que no se pudieron entregar' })
      .waitFor();
    await page.getByTestId('failed-notifications').getByText('El residente').first().waitFor();
    await expectAccessible(page);
    await screenshots(page, 'failed-messages-es');
    await page.getByRole('button', { name: 'English' }).click();
  });

  it('deletes the rule once asked to confirm', async () => {
    await page.getByRole('link', { name: 'Routing rules' }).click();
    await page.getByRole('button', { name: 'Delete Sinkholes first' }).click();
    await page.getByRole('button', { name: 'Delete the rule' }).click();
    await page.getByRole('status').filter({ hasText: 'Rule “Sinkholes first” deleted.' }).waitFor();
    await page.getByText('No rule yet').waitFor();
  });

  it('called only the public GraphQL API and the development sign-in', () => {
    expectOnlyPublicApiCalls(web.requests, base);
  });
});
