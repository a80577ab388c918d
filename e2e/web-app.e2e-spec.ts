import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { startE2ePlatform, type E2ePlatform } from './platform.js';
import {
  expectAccessible as accessible,
  expectOnlyPublicApiCalls,
  openBrowser,
  screenshots as screenshotsOf,
  type WebBrowser,
} from './web-browser.js';

/*
 * The web app (docs/adr/0072) in Debian's Chromium, driven by playwright-core, against the whole
 * platform with the gateway serving the built app (`npm run build` writes web/dist/app). The
 * browser, axe-core and screenshot helpers are shared with the other web specs (web-browser.ts).
 */
describe('the web app in a real browser (resident pages, caseworker worklist)', () => {
  let e2e: E2ePlatform;
  let web: WebBrowser;
  let page: Page;
  let base: string;

  beforeAll(async () => {
    e2e = await startE2ePlatform();
    base = e2e.platform.baseUrl('gateway');
    web = await openBrowser();
    page = web.page;
  });

  afterAll(async () => {
    await web?.close();
    await e2e?.dispose();
  });

  const expectAccessible = () => accessible(page);
  const screenshots = (name: string) => screenshotsOf(page, name);

  async function chooseService(search: string, name: string): Promise<void> {
    await page.getByLabel('Find a service by typing').fill(search);
    await page.getByRole('radio', { name }).check();
  }

  it('shows the home page, keyboard first: the skip link, then the navigation', async () => {
    await page.goto(`${base}/`);
    await page.getByRole('heading', { level: 1, name: 'How can we help?' }).waitFor();
    await page.keyboard.press('Tab');
    expect(await page.locator(':focus').textContent()).toBe('Skip to main content');
    await page.keyboard.press('Enter');
    expect(await page.locator(':focus').getAttribute('id')).toBe('main');
    await expectAccessible();
    await screenshots('home');
  });

  it('a resident reports a pothole, sees the ticket number at once, and tracks it', async () => {
    await page.getByRole('link', { name: 'Report a problem' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Report a problem' }).waitFor();
    await chooseService('pothole', 'Pothole');
    await page.getByLabel('How big is the pothole?').selectOption('medium');
    await page.getByLabel('Describe the problem').fill('Deep pothole by the bus stop');
    // The plain map: a click sets latitude and longitude.
    const map = page.getByRole('img', { name: /Map of the districts/ });
    const box = (await map.boundingBox())!;
    await map.click({ position: { x: box.width * 0.3, y: box.height * 0.6 } });
    expect(await page.getByLabel('Latitude').inputValue()).toMatch(/^40\.\d+$/);
    expect(await page.getByLabel('Longitude').inputValue()).toMatch(/^-7[34]\.\d+$/);
    await page.getByLabel('E-mail').fill('resident@example.com');
    await expectAccessible();
    await screenshots('report-form');

    await page.getByRole('button', { name: 'Send report' }).click();
    const ticket = page.getByTestId('ticket-number');
    await ticket.waitFor();
    const ticketNumber = (await ticket.textContent())!;
    expect(ticketNumber).toMatch(/^SR-\d{4}-\d+$/);
    expect(await page.getByTestId('emergency-notice').count()).toBe(0);
    await expectAccessible();
    await screenshots('report-received');

    await page.getByRole('link', { name: 'Track this request' }).click();
    await page.getByRole('heading', { level: 2, name: `${ticketNumber}: Pothole` }).waitFor();
    expect(page.url()).toBe(`${base}/track/${ticketNumber}`);
    expect(await page.getByText('Deep pothole by the bus stop').isVisible()).toBe(true);
    expect(await page.getByRole('heading', { name: 'What has happened' }).isVisible()).toBe(true);
    await expectAccessible();
    await screenshots('track');
  });

  it('shows the API refusing a report in words, the field it names highlighted', async () => {
    await page.goto(`${base}/report`);
    await chooseService('graffiti', 'Graffiti removal');
    await page.getByLabel('Describe the problem').fill('Tags on the library wall');
    await page.getByRole('button', { name: 'Send report' }).click();
    const summary = page.getByRole('alert');
    await summary.waitFor();
    expect(await summary.textContent()).toContain('There is a problem');
    expect(await summary.textContent()).toMatch(/location/i);
    expect(await page.getByLabel('Latitude').getAttribute('aria-invalid')).toBe('true');
    await expectAccessible();
    await screenshots('report-error');
  });

  it('shows the 911 notice unmistakably for an emergency phrase', async () => {
    await page.goto(`${base}/report`);
    await chooseService('streetlight', 'Street light out');
    await page.getByLabel('Describe the problem').fill('Pole is sparking, I smell gas near it');
    await page.getByLabel('Address').fill('1 Centre St');
    await page.getByLabel('Latitude').fill('40.7128');
    await page.getByLabel('Longitude').fill('-74.006');
    await page.getByRole('button', { name: 'Send report' }).click();
    const notice = page.getByTestId('emergency-notice');
    await notice.waitFor();
    expect(await notice.getAttribute('role')).toBe('alert');
    expect(await notice.textContent()).toContain('call 911 now');
    expect(await page.getByTestId('ticket-number').textContent()).toMatch(/^SR-/);
    await expectAccessible();
    await screenshots('report-emergency');
  });

  it('switches to Spanish by keyboard, and the pages speak Spanish', async () => {
    await page.goto(`${base}/track`);
    await page.getByRole('button', { name: 'Español' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Seguir una solicitud' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('es');
    // By keyboard: type a ticket that does not exist and press Enter.
    await page.getByLabel('Número de ticket').fill('SR-1999-0000001');
    await page.keyboard.press('Enter');
    await page.getByText('Ninguna solicitud tiene el número SR-1999-0000001.').waitFor();
    await expectAccessible();
    await screenshots('track-es');
    await page.getByRole('link', { name: 'Reportar un problema' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Reportar un problema' }).waitFor();
    await expectAccessible();
    await screenshots('report-form-es');
    // The choice is remembered across a reload.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Reportar un problema' }).waitFor();
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Report a problem' }).waitFor();
  });

  it('a caseworker signs in (development), sees the worklist by due time, and closes a case with a public note the resident reads', async () => {
    const routed = await e2e.submitRouted({
      serviceCode: 'pothole',
      description: 'Pothole for the caseworker',
      location: { latitude: 40.7128, longitude: -74.006, address: '1 Centre St' },
    });
    await page.goto(`${base}/sign-in`);
    await page.getByLabel('Role').selectOption('caseworker');
    await page.getByLabel('Department codes').fill(routed.departmentCode);
    await expectAccessible();
    await screenshots('sign-in');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'My worklist' }).waitFor();
    const row = page.getByRole('row').filter({ hasText: routed.ticketNumber });
    await row.waitFor();
    expect(await row.textContent()).toMatch(/On track|At risk|Overdue/);
    await expectAccessible();
    await screenshots('worklist');

    await row.getByRole('link', { name: routed.ticketNumber }).click();
    await page.getByLabel('New status').waitFor();
    await page.getByLabel('New status').selectOption('CLOSED');
    await page.getByLabel('Public note (the resident sees it)').fill('Filled and sealed today.');
    await expectAccessible();
    await screenshots('case-detail');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').filter({ hasText: 'Status changed to Closed.' }).waitFor();

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.goto(`${base}/track/${routed.ticketNumber}`);
    await page.getByTestId('case-status').filter({ hasText: 'Closed' }).waitFor();
    expect(await page.getByText('Filled and sealed today.').count()).toBeGreaterThan(0);
  });

  it('served the app from the gateway, and the pages called only /graphql and the dev sign-in', () => {
    expectOnlyPublicApiCalls(web.requests, base);
  });
});
