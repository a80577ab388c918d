import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { Role } from '@civitas/contracts';
import { waitFor } from '@civitas/testing';
import type { E2ePlatform } from './platform.js';
import {
  expectAccessible as accessible,
  expectOnlyPublicApiCalls,
  screenshots as screenshotsOf,
  startWebSpec,
  type WebSpec,
} from './web-browser.js';

/*
 * The web app (docs/adr/0072) in Debian's Chromium, driven by playwright-core, against the whole
 * platform with the gateway serving the built app (`npm run build` writes web/dist/app). The
 * browser, axe-core and screenshot helpers are shared with the other web specs (web-browser.ts).
 */
describe('the web app in a real browser (resident, agent and caseworker pages)', () => {
  let e2e: E2ePlatform;
  let web: WebSpec;
  let page: Page;
  let base: string;

  beforeAll(async () => {
    web = await startWebSpec();
    ({ e2e, page, base } = web);
  });

  afterAll(async () => {
    await web?.dispose();
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

  /** Sends a street light report with an emergency phrase; answers the 911 notice shown. */
  async function sendEmergencyReport(address: string) {
    await chooseService('streetlight', 'Street light out');
    await page.getByLabel('Describe the problem').fill('Pole is sparking, I smell gas near it');
    await page.getByLabel('Address').fill(address);
    await page.getByLabel('Latitude').fill('40.7128');
    await page.getByLabel('Longitude').fill('-74.006');
    await page.getByRole('button', { name: 'Send report' }).click();
    const notice = page.getByTestId('emergency-notice');
    await notice.waitFor();
    expect(await notice.getAttribute('role')).toBe('alert');
    expect(await notice.textContent()).toContain('call 911 now');
    return notice;
  }

  it('shows the 911 notice unmistakably for an emergency phrase', async () => {
    await page.goto(`${base}/report`);
    const notice = await sendEmergencyReport('1 Centre St');
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

  /** Signs in on the development page (signing out first when someone is signed in). */
  async function signIn(role: string, departments: string[], sub: string): Promise<void> {
    if (await page.getByRole('button', { name: 'Sign out' }).count()) {
      await page.getByRole('button', { name: 'Sign out' }).click();
    }
    await page.goto(`${base}/sign-in`);
    await page.getByLabel('Role').selectOption(role);
    await page.getByLabel('Department codes').fill(departments.join(', '));
    await page.getByLabel('Your user name').fill(sub);
    await page.getByRole('button', { name: 'Sign in' }).click();
    // Signed in once the header offers to sign out: a page opened before that (page.goto) would
    // cancel the sign-in's request, and the next page would find no session.
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
  }

  /** Once routing has opened the case: its department's code. */
  async function departmentOf(ticketNumber: string): Promise<string> {
    const admin = await e2e.token(Role.Admin, { sub: 'web-e2e-admin' });
    return waitFor(
      async () =>
        (
          await e2e.call<{ caseByTicket: { status: string; department: { code: string } | null } }>(
            'query($t: String!) { caseByTicket(ticketNumber: $t) { status department { code } } }',
            { t: ticketNumber },
            admin,
          )
        ).data?.caseByTicket?.department?.code,
      { what: `${ticketNumber} routed` },
    );
  }

  /** A member of staff of `department` in the directory (claiming needs one), as an admin adds them. */
  async function addStaff(subject: string, name: string, department: string): Promise<void> {
    const admin = await e2e.token(Role.Admin, { sub: 'web-e2e-admin' });
    const saved = await e2e.call(
      `mutation($i: SaveStaffMemberInput!) { saveStaffMember(input: $i) { subject } }`,
      {
        i: {
          subject,
          name,
          email: `${subject}@city.example`,
          departmentCodes: [department],
          active: true,
        },
      },
      admin,
    );
    expect(saved.errors).toBeUndefined();
  }

  /** Repeats `action` until `shown` holds: for what the platform writes a moment later. */
  async function retryUntil(
    action: () => Promise<unknown>,
    shown: () => Promise<boolean>,
    what: string,
  ): Promise<void> {
    await waitFor(
      async () => {
        await action();
        await page.waitForTimeout(500);
        return shown();
      },
      { what },
    );
  }

  async function inSpanish(name: string, heading: string): Promise<void> {
    await page.getByRole('button', { name: 'Español' }).click();
    await page.getByRole('heading', { name: heading }).first().waitFor();
    await expectAccessible();
    await screenshots(name);
    await page.getByRole('button', { name: 'English' }).click();
  }

  it('across roles: a resident reports; an agent finds the caller by a misspelt name and enters a phone report; a caseworker claims and closes it with a public note, which the resident reads, and an internal one, which the resident does not', async () => {
    // The resident reports on the web, with their name, and keeps the ticket number.
    await page.goto(`${base}/report`);
    await chooseService('pothole', 'Pothole');
    await page.getByLabel('How big is the pothole?').selectOption('small');
    await page.getByLabel('Describe the problem').fill('Pothole at the school gate');
    await page.getByLabel('Address').fill('12 School Lane');
    await page.getByLabel('Latitude').fill('40.7411');
    await page.getByLabel('Longitude').fill('-73.9897');
    await page.getByLabel('First name').fill('Margarita');
    await page.getByLabel('Last name').fill('Villanueva');
    await page.getByLabel('E-mail').fill('margarita.villanueva@example.org');
    await page.getByRole('button', { name: 'Send report' }).click();
    const webTicket = (await page.getByTestId('ticket-number').textContent())!;
    expect(webTicket).toMatch(/^SR-\d{4}-\d+$/);
    await page.goto(`${base}/track/${webTicket}`);
    await page.getByRole('heading', { level: 2, name: `${webTicket}: Pothole` }).waitFor();

    // She calls. The agent finds her by a misspelt name (her record is written a moment later).
    await signIn('agent', [], 'agent-web');
    await page.getByRole('heading', { level: 1, name: 'Find the caller' }).waitFor();
    await expectAccessible();
    await screenshots('callers');
    await page.getByLabel('Name, e-mail, phone or address').fill('Margarita Vilanueva');
    const herLink = page.getByRole('link', { name: 'Margarita Villanueva' });
    await retryUntil(
      () => page.getByRole('button', { name: 'Search', exact: true }).click(),
      async () => (await herLink.count()) > 0,
      'the caller found by a misspelt name',
    );
    await expectAccessible();
    await screenshots('callers-found');
    await inSpanish('callers-found-es', 'Buscar a quien llama');

    // Her 360 view: her web report among her cases.
    await herLink.click();
    await page.getByRole('heading', { level: 1, name: 'Margarita Villanueva' }).waitFor();
    await retryUntil(
      () => page.reload(),
      async () => (await page.getByRole('link', { name: webTicket }).count()) > 0,
      'her web report in the 360 view',
    );
    expect(await page.getByText('margarita.villanueva@example.org').count()).toBeGreaterThan(0);
    await expectAccessible();
    await screenshots('citizen-360');
    await inSpanish('citizen-360-es', 'Sus solicitudes, en todos los departamentos');

    // A new problem, on the phone: entered for her, her details filled in.
    await page.getByRole('link', { name: 'Enter a request for Margarita Villanueva' }).click();
    await page
      .getByRole('heading', { level: 1, name: 'A request for Margarita Villanueva' })
      .waitFor();
    expect(await page.getByRole('radio', { name: 'Phone' }).isChecked()).toBe(true);
    expect(await page.getByLabel('E-mail').inputValue()).toBe('margarita.villanueva@example.org');
    await chooseService('pothole', 'Pothole');
    await page.getByLabel('How big is the pothole?').selectOption('large');
    await page.getByLabel('Describe the problem').fill('Deep pothole on Elm Road, caller says');
    await page.getByLabel('Address').fill('40 Elm Road');
    await page.getByLabel('Latitude').fill('40.7502');
    await page.getByLabel('Longitude').fill('-73.9931');
    await expectAccessible();
    await screenshots('agent-report');
    await inSpanish('agent-report-es', 'Una solicitud de Margarita Villanueva');
    await page.getByRole('button', { name: 'Send report' }).click();
    const phoneTicket = (await page.getByTestId('ticket-number').textContent())!;
    expect(phoneTicket).toMatch(/^SR-\d{4}-\d+$/);
    expect(await page.getByTestId('emergency-notice').count()).toBe(0);

    // The agent logs the rest of the call on the ticket.
    await page.getByRole('link', { name: 'Open the case (to log the call)' }).click();
    await page.getByRole('heading', { level: 1, name: `Case ${phoneTicket}` }).waitFor();
    expect(await page.getByRole('button', { name: 'Claim this case' }).count()).toBe(0);
    await page.getByLabel('What was said').fill('Caller asked to be told when it is fixed');
    await page.getByRole('button', { name: 'Log it' }).click();
    await page.getByRole('status').filter({ hasText: 'Logged on the timeline.' }).waitFor();
    await page.getByText('Caller asked to be told when it is fixed').first().waitFor();
    await expectAccessible();
    await screenshots('case-agent');

    // The caseworker of the department claims it from the worklist and closes it.
    const department = await departmentOf(phoneTicket);
    await addStaff('cw-web', 'Carla Web', department);
    await signIn('caseworker', [department], 'cw-web');
    await page.getByRole('heading', { level: 1, name: 'My worklist' }).waitFor();
    const row = page.getByRole('row').filter({ hasText: phoneTicket });
    await row.waitFor();
    expect(await row.textContent()).toMatch(/On track|At risk|Overdue/);
    await expectAccessible();
    await screenshots('worklist');
    await row.getByRole('link', { name: phoneTicket }).click();
    await page.getByTestId('assignee').filter({ hasText: 'Not assigned to anyone.' }).waitFor();
    await page.getByRole('button', { name: 'Claim this case' }).click();
    await page.getByTestId('assignee').filter({ hasText: 'Assigned to Carla Web.' }).waitFor();
    await page.getByRole('status').filter({ hasText: 'You now work this case.' }).waitFor();
    await page.getByLabel('New status').selectOption('CLOSED');
    await page.getByLabel('Public note (the resident sees it)').fill('Filled and sealed today.');
    await page.getByLabel('Internal note (staff only)').fill('Crew 4, two bags of asphalt.');
    await expectAccessible();
    await screenshots('case-detail');
    await inSpanish('case-detail-es', 'Trabajar en este caso');
    await page.getByRole('button', { name: 'Save the status' }).click();
    await page.getByRole('status').filter({ hasText: 'Status changed to Closed.' }).waitFor();
    expect(
      await page.getByRole('status').filter({ hasText: 'You now work this case.' }).count(),
    ).toBe(0);
    // Staff see the internal note on the timeline, marked as such.
    await page
      .locator('.timeline li')
      .filter({ hasText: 'Crew 4, two bags of asphalt.' })
      .filter({ hasText: 'Internal' })
      .first()
      .waitFor();

    // The resident tracks the phone ticket: closed, the public note, never the internal one.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.goto(`${base}/track/${phoneTicket}`);
    await page.getByTestId('case-status').filter({ hasText: 'Closed' }).waitFor();
    expect(await page.getByText('Filled and sealed today.').count()).toBeGreaterThan(0);
    expect(await page.getByText('Crew 4').count()).toBe(0);
    expect(await page.getByText('Caller asked to be told').count()).toBe(0);
  }, 360_000);

  it('an agent entering a call with an emergency phrase reads the 911 notice aloud', async () => {
    await signIn('agent', [], 'agent-web');
    // Typed into the address bar, /callers/new is the same form as the link below.
    await page.goto(`${base}/callers/new`);
    await page.getByRole('heading', { level: 1, name: 'A request on a caller’s behalf' }).waitFor();
    await page.goto(`${base}/callers`);
    await page.getByRole('link', { name: 'Enter a request for a caller with no record' }).click();
    await page.getByRole('heading', { level: 1, name: 'A request on a caller’s behalf' }).waitFor();
    await page.getByRole('radio', { name: 'Walk-in' }).check();
    const notice = await sendEmergencyReport('3 Centre St');
    expect(await notice.textContent()).toContain('Read this to the caller now:');
    await expectAccessible();
    await screenshots('agent-report-emergency');
  }, 180_000);

  it('a supervisor rejects a possible duplicate, marks one (a wrong ticket highlighted first), assigns and unassigns, and splits a case into parts', async () => {
    const at = { latitude: 40.7306, longitude: -73.9866, address: '2 Duplicate Place' };
    const first = await e2e.submitRouted({
      serviceCode: 'pothole',
      description: 'Pothole by the fire station',
      location: at,
    });
    const near = await e2e.submitRouted({
      serviceCode: 'pothole',
      description: 'Same pothole, I think',
      location: at,
    });
    const again = await e2e.submitRouted({
      serviceCode: 'pothole',
      description: 'Pothole by the station, and graffiti on the wall beside it',
      location: at,
    });
    const department = near.departmentCode;
    await addStaff('cw-web', 'Carla Web', department);
    await signIn('supervisor', [department], 'sup-web');
    // A supervisor lands on their dashboard (e2e/web-supervisor.e2e-spec.ts); the worklist is a link away.
    await page.getByRole('heading', { level: 1, name: 'Supervisor dashboard' }).waitFor();
    await page.getByRole('link', { name: 'My worklist' }).click();
    await page.getByRole('heading', { level: 1, name: 'My worklist' }).waitFor();

    // Reported near an open case of the same service: not the same problem after all.
    await page.goto(`${base}/work/${near.ticketNumber}`);
    const possible = page.getByTestId('possible-duplicate');
    await possible.waitFor();
    expect(await possible.textContent()).toContain(first.ticketNumber);
    await expectAccessible();
    await screenshots('case-possible-duplicate');
    await page.getByRole('button', { name: 'Not the same problem' }).click();
    await page.getByRole('status').filter({ hasText: 'No longer linked' }).waitFor();
    await possible.waitFor({ state: 'detached' });

    // A wrong ticket: said in words, the field highlighted; then the right one.
    await page.getByLabel('Duplicate of ticket').fill('SR-1999-0000001');
    await page.getByRole('button', { name: 'Mark as duplicate', exact: true }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
    await summary.waitFor();
    expect(await summary.textContent()).toContain('Duplicate of ticket');
    expect(await page.getByLabel('Duplicate of ticket').getAttribute('aria-invalid')).toBe('true');
    await expectAccessible();
    await screenshots('case-duplicate-error');
    await page.getByLabel('Duplicate of ticket').fill(first.ticketNumber);
    await page.getByRole('button', { name: 'Mark as duplicate', exact: true }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Closed as a duplicate of ${first.ticketNumber}.` })
      .waitFor();
    await page.getByTestId('case-status').filter({ hasText: 'Closed' }).waitFor();

    // Assign to a member of the department, then leave it unassigned.
    await page.goto(`${base}/work/${again.ticketNumber}`);
    await page.getByLabel('Member of staff of').selectOption({ label: 'Carla Web' });
    await page.getByRole('button', { name: 'Assign', exact: true }).click();
    await page.getByTestId('assignee').filter({ hasText: 'Assigned to Carla Web.' }).waitFor();
    await page.getByRole('button', { name: 'Unassign' }).click();
    await page.getByTestId('assignee').filter({ hasText: 'Not assigned to anyone.' }).waitFor();
    // Only the latest change's confirmation stays: the assignment's would now mislead.
    await page.getByRole('status').filter({ hasText: 'The case is no longer assigned.' }).waitFor();
    expect(
      await page.getByRole('status').filter({ hasText: 'Assigned to Carla Web.' }).count(),
    ).toBe(0);

    // Two problems in one report: split into a pothole and a graffiti case.
    await page.getByLabel('Service').nth(0).selectOption({ label: 'Streets: Pothole' });
    await page.getByLabel('What this part is about').nth(0).fill('The pothole by the station');
    await page
      .getByLabel('Service')
      .nth(1)
      .selectOption({ label: 'Graffiti and Vandalism: Graffiti removal' });
    await page.getByLabel('What this part is about').nth(1).fill('Graffiti on the station wall');
    await expectAccessible();
    await screenshots('case-split');
    await page.getByRole('button', { name: 'Split the case' }).click();
    await page.getByRole('status').filter({ hasText: 'Split into 2 parts' }).waitFor();
    await retryUntil(
      () => page.reload(),
      async () =>
        (await page
          .getByRole('heading', { name: 'This request was split into these parts' })
          .count()) > 0,
      'the parts of the split case',
    );
    expect(await page.locator('.case ul li').count()).toBe(2);
  }, 300_000);

  it('served the app from the gateway, and the pages called only /graphql and the dev sign-in', () => {
    expectOnlyPublicApiCalls(web.requests, base);
  });
});
