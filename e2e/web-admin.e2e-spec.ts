import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '@civitas/contracts';
import { waitFor } from '@civitas/testing';
import type { Page } from 'playwright-core';
import type { E2ePlatform } from './platform.js';
import {
  expectAccessible,
  expectOnlyPublicApiCalls,
  screenshots,
  startWebSpec,
  type WebSpec,
} from './web-browser.js';

const SEARCH = `query($q: String!) {
  searchCitizens(query: $q, purpose: "caller asking about a pothole") { id firstName email }
}`;
const HARBOUR = {
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      properties: { name: 'Harbour' },
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [-74.02, 40.69],
            [-74.0, 40.69],
            [-74.0, 40.7],
            [-74.02, 40.7],
            [-74.02, 40.69],
          ],
        ],
      },
    },
  ],
};

/*
 * The admin's pages (issue 13, docs/adr/0088) in Chromium against the whole platform, on the
 * public GraphQL API only: the catalog and a service's questions, districts from a GeoJSON file,
 * staff and queues, API keys, the audit log of reads and of the changes made on these pages
 * (docs/adr/0092); and a supervisor refused them.
 */
describe('the admin pages in a real browser', () => {
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

  const saved = (text: string) => page.getByRole('status').filter({ hasText: text }).waitFor();
  const problem = async (text: string) => {
    const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
    await summary.waitFor();
    expect(await summary.textContent()).toContain(text);
  };

  it('an admin signs in, adds a service with a question, and the report page offers both', async () => {
    await page.goto(`${base}/sign-in`);
    await page.getByLabel('Role').selectOption('admin');
    await page.getByLabel('Your user name').fill('e2e-web-admin');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Administration' }).waitFor();
    await page.getByRole('link', { name: 'Services and questions' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Services and questions' }).waitFor();
    await page
      .getByTestId('admin-services')
      .getByRole('row', { name: /Pothole/ })
      .waitFor();

    await page.getByLabel('Code', { exact: true }).fill('manhole-cover');
    await page.getByLabel('Name', { exact: true }).fill('Loose manhole cover');
    await page.getByLabel('Group').fill('Streets');
    await page.getByLabel('Department').selectOption({ label: 'Department of Public Works' });
    await page.getByLabel('Target in hours').fill('48');
    await page.getByLabel('Keywords').fill('manhole, cover');
    await page.getByRole('button', { name: 'Save the service' }).click();
    await saved('Service “Loose manhole cover” added.');
    await page
      .getByTestId('admin-services')
      .getByRole('row', { name: /Loose manhole cover/ })
      .waitFor();

    await page.getByRole('button', { name: 'Questions of Loose manhole cover' }).click();
    await page.getByRole('button', { name: 'Add a question' }).click();
    await page.getByLabel('The question as residents read it').fill('How far has it moved?');
    await page.getByLabel('Code', { exact: true }).last().fill('moved by');
    await page.getByLabel('Kind of answer').selectOption('singlevaluelist');
    await page.getByLabel('Choices').fill('ajar: Slightly out of place\nopen: The hole is open');
    await page.getByLabel('An answer is required').check();
    await page.getByRole('button', { name: 'Save the questions' }).click();
    // A space cannot be sent as attribute[CODE]: refused, the question's code named and marked.
    await problem('Question 1, Code: must be 1 to 100 letters');
    expect(await page.locator('#question-0-code').getAttribute('aria-invalid')).toBe('true');
    await page.locator('#question-0-code').fill('moved');
    await page.getByRole('button', { name: 'Save the questions' }).click();
    await saved('Saved: “Loose manhole cover” asks 1 question.');
    await expectAccessible(page);
    await screenshots(page, 'admin-services');

    await page.getByRole('link', { name: 'Report a problem' }).first().click();
    await page.getByLabel('Find a service by typing').fill('manhole');
    await page.getByRole('radio', { name: 'Loose manhole cover' }).check();
    const question = page.getByLabel('How far has it moved?');
    await question.waitFor();
    expect(await question.locator('option').allTextContents()).toEqual(
      expect.arrayContaining(['Slightly out of place', 'The hole is open']),
    );
  });

  it('refuses a district file that is not a polygon, naming the field, then draws the uploaded one', async () => {
    await page.getByRole('link', { name: 'Administration' }).click();
    await page.getByRole('link', { name: 'Districts' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Districts' }).waitFor();
    const outlines = page.getByRole('img', { name: /Map of the districts/ }).locator('polygon');
    await page.getByTestId('admin-districts').waitFor();
    const before = await outlines.count();

    await page.getByLabel('Code', { exact: true }).fill('harbour');
    await page.getByLabel('Name', { exact: true }).fill('Harbour');
    await page.getByLabel('Upload a GeoJSON file').setInputFiles({
      name: 'harbour-point.geojson',
      mimeType: 'application/geo+json',
      buffer: Buffer.from(JSON.stringify({ type: 'Point', coordinates: [-74.01, 40.695] })),
    });
    await page.getByRole('button', { name: 'Save the district' }).click();
    await problem('Boundary (GeoJSON): must be "Polygon" or "MultiPolygon"');
    expect(await page.getByLabel('Boundary (GeoJSON)').getAttribute('aria-invalid')).toBe('true');
    await screenshots(page, 'admin-district-error');

    // A GIS export: a FeatureCollection, its feature's name filling the empty name.
    await page.getByLabel('Name', { exact: true }).fill('');
    await page.getByLabel('Upload a GeoJSON file').setInputFiles({
      name: 'harbour.geojson',
      mimeType: 'application/geo+json',
      buffer: Buffer.from(JSON.stringify(HARBOUR)),
    });
    // The file is read as it is chosen; its feature's name then fills the field.
    await waitFor(
      async () => (await page.getByLabel('Name', { exact: true }).inputValue()) === 'Harbour',
      { what: "the feature's name in the form" },
    );
    await page.getByRole('button', { name: 'Save the district' }).click();
    await saved('District “Harbour” saved.');
    await page
      .getByTestId('admin-districts')
      .getByRole('row', { name: /Harbour/ })
      .waitFor();
    expect(await outlines.count()).toBe(before + 1);

    // Made inactive it stays in the list, marked, off the map; and it can be brought back.
    const harbour = page.getByTestId('admin-districts').getByRole('row', { name: /Harbour/ });
    const placesCases = page.getByLabel('Places new cases');
    await page.getByRole('button', { name: 'Edit Harbour' }).click();
    await placesCases.uncheck();
    await page.getByRole('button', { name: 'Save the district' }).click();
    await harbour.getByRole('cell', { name: 'Inactive', exact: true }).waitFor();
    expect(await outlines.count()).toBe(before);
    await page.getByRole('button', { name: 'Edit Harbour' }).click();
    expect(await placesCases.isChecked()).toBe(false);
    await placesCases.check();
    await page.getByRole('button', { name: 'Save the district' }).click();
    await harbour.getByRole('cell', { name: 'Active', exact: true }).waitFor();
    expect(await outlines.count()).toBe(before + 1);
    await expectAccessible(page);
    await screenshots(page, 'admin-districts');
  });

  it('draws a district on the map by clicking its corners, undoing a wrong one, and saves it', async () => {
    // Still on the districts page.
    const map = page.getByRole('img', { name: /Map of the districts/ });
    const [west, south, east, north] = (await map.getAttribute('data-bounds'))!
      .split(',')
      .map(Number);
    await page.getByRole('button', { name: 'Draw a boundary on the map' }).click();
    const box = (await map.boundingBox())!;
    // At a point of the map (scrolled into view first), as a fraction of its width and height.
    const click = (across: number, down: number) =>
      map.click({ position: { x: across * box.width, y: down * box.height } });
    await click(0.1, 0.1);
    await click(0.3, 0.1);
    await click(0.9, 0.9); // a slip
    await page.getByText('3 corners so far').waitFor();
    await page.getByRole('button', { name: 'Undo the last corner' }).click();
    await click(0.3, 0.3);
    await click(0.1, 0.3);
    await page.getByText('4 corners so far').waitFor();
    expect(await map.locator('.map-path circle').count()).toBe(4);
    await screenshots(page, 'admin-district-drawing');
    await page.getByRole('button', { name: 'Use this boundary' }).click();
    await page
      .getByText('The boundary drawn, 4 corners, is in the Boundary field below.')
      .waitFor();

    const drawn = JSON.parse(await page.getByLabel('Boundary (GeoJSON)').inputValue()) as {
      type: string;
      coordinates: [number, number][][];
    };
    expect(drawn.type).toBe('Polygon');
    const [ring] = drawn.coordinates;
    expect(ring).toHaveLength(5);
    expect(ring[4]).toEqual(ring[0]);
    // Where they were clicked: the first corner north-west of the third, all inside the map.
    expect(ring[0][0]).toBeLessThan(ring[2][0]);
    expect(ring[0][1]).toBeGreaterThan(ring[2][1]);
    for (const [lon, lat] of ring) {
      expect(lon).toBeGreaterThan(west);
      expect(lon).toBeLessThan(east);
      expect(lat).toBeGreaterThan(south);
      expect(lat).toBeLessThan(north);
    }

    await page.getByLabel('Code', { exact: true }).fill('drawn-ward');
    await page.getByLabel('Name', { exact: true }).fill('Drawn ward');
    await page.getByRole('button', { name: 'Save the district' }).click();
    await saved('District “Drawn ward” saved.');
    await page
      .getByTestId('admin-districts')
      .getByRole('row', { name: /Drawn ward/ })
      .waitFor();
    // The platform keeps the boundary as drawn.
    const { data } = await e2e.call<{ districts: { code: string; geometry: string }[] }>(
      '{ districts { code geometry } }',
    );
    const kept = data!.districts.find((d) => d.code === 'drawn-ward');
    expect((JSON.parse(kept!.geometry) as typeof drawn).coordinates).toEqual(drawn.coordinates);
    await expectAccessible(page);
  });

  it('adds a queue and a staff member working in it', async () => {
    await page.getByRole('link', { name: 'Staff and queues' }).click();
    await page.getByRole('heading', { level: 1, name: 'Staff and queues' }).waitFor();
    await page.getByLabel('Department', { exact: true }).selectOption('public-works');
    await page.getByLabel('Queue code', { exact: true }).fill('public-works.trees');
    await page.getByLabel('Queue name').fill('Trees');
    await page.getByLabel('How it assigns new cases').selectOption('ROUND_ROBIN');
    await page.getByRole('button', { name: 'Save the queue' }).click();
    await saved('Queue “Trees” (public-works.trees) saved.');
    const queue = page.getByTestId('admin-queues').getByRole('row', { name: /Trees/ });
    await queue.waitFor();
    expect(await queue.textContent()).toContain('In turn');

    await page.getByLabel('Sign-in name').fill('arborist-1');
    await page.getByLabel('Name', { exact: true }).fill('Ada Arbor');
    await page.getByLabel('E-mail').fill('ada.arbor@example.gov');
    // Departments and queues are ticked, not typed: the queues offered are the ticked
    // departments' own.
    const queues = page.getByRole('group', { name: 'Queues', exact: true });
    await queues.getByText('Tick a department to choose among its queues.').waitFor();
    await page
      .getByRole('group', { name: 'Departments', exact: true })
      .getByLabel('Department of Public Works')
      .check();
    await queues.getByLabel('Trees (public-works.trees)').check();
    // A queue added below while the form is filled in is offered there at once.
    await page.getByLabel('Queue code', { exact: true }).fill('public-works.stumps');
    await page.getByLabel('Queue name').fill('Stumps');
    await page.getByRole('button', { name: 'Save the queue' }).click();
    await saved('Queue “Stumps” (public-works.stumps) saved.');
    await queues.getByLabel('Stumps (public-works.stumps)').waitFor();
    expect(await queues.getByLabel('Trees (public-works.trees)').isChecked()).toBe(true);
    await page.getByLabel('Capacity').fill('5');
    await page.getByRole('button', { name: 'Save the person' }).click();
    await saved('“Ada Arbor” saved in the staff directory.');
    const person = page.getByTestId('admin-staff').getByRole('row', { name: /Ada Arbor/ });
    await person.waitFor();
    expect(await person.textContent()).toContain('public-works.trees');
    await expectAccessible(page);
    await screenshots(page, 'admin-staff');
  });

  it('issues an API key shown once, and revokes it once asked to confirm', async () => {
    await page.getByRole('link', { name: 'API keys' }).click();
    await page.getByRole('heading', { level: 1, name: 'API keys' }).waitFor();
    await page.getByLabel('Client name').fill('SeeClickFix test');
    await page.getByRole('button', { name: 'Issue the key' }).click();
    const issued = page.getByTestId('issued-key');
    await issued.waitFor();
    expect(await issued.textContent()).toContain('it will not be shown again');
    const key = (await issued.locator('code').textContent()) ?? '';
    const row = page.getByTestId('admin-keys').getByRole('row', { name: /SeeClickFix test/ });
    await row.waitFor();
    const prefix = (await row.locator('code').textContent())!.replace('…', '');
    expect(key.startsWith(prefix)).toBe(true);
    expect(await row.textContent()).toContain('In use');
    await expectAccessible(page);
    await screenshots(page, 'admin-api-keys');

    await page.getByRole('button', { name: 'Revoke the key of SeeClickFix test' }).click();
    await page.getByText('Revoke the key of “SeeClickFix test”?').waitFor();
    await page.getByRole('button', { name: 'Revoke the key', exact: true }).click();
    await saved('Key of “SeeClickFix test” revoked.');
    await row.filter({ hasText: 'Revoked' }).waitFor();
    // Shown once: gone from the page once anything else happened.
    expect(await page.getByTestId('issued-key').count()).toBe(0);
  });

  it('finds an agent’s read of a resident in the audit log, and names a bad filter', async () => {
    await e2e.submitRouted({
      serviceCode: 'pothole',
      description: 'Pothole by the harbour',
      location: { latitude: 40.695, longitude: -74.01 },
      reporter: { firstName: 'Rosa', lastName: 'Audit', email: 'rosa.audit@example.org' },
    });
    const agent = await e2e.token(Role.Agent, { sub: 'e2e-web-agent' });
    await waitFor(
      async () =>
        (
          await e2e.call<{ searchCitizens: { id: string }[] }>(
            SEARCH,
            { q: 'rosa.audit@example.org' },
            agent,
          )
        ).data?.searchCitizens.length,
      { what: 'the agent finding the resident' },
    );

    await page.getByRole('link', { name: 'Audit log' }).click();
    await page.getByRole('heading', { level: 1, name: 'Audit log' }).waitFor();
    await page.getByLabel('Resident id').fill('not-an-id');
    await page.getByRole('button', { name: 'Show', exact: true }).click();
    await problem('Resident id: must be a UUID');
    expect(await page.getByLabel('Resident id').getAttribute('aria-invalid')).toBe('true');

    await page.getByLabel('Resident id').fill('');
    await page.getByLabel('Reader (sign-in name)').fill('e2e-web-agent');
    await page.getByRole('button', { name: 'Show', exact: true }).click();
    const read = page
      .getByTestId('audit-log')
      .getByRole('row')
      .filter({ hasText: 'caller asking about a pothole' })
      .first();
    await read.waitFor();
    expect(await read.textContent()).toContain('e2e-web-agent (agent)');
    expect(await read.textContent()).toContain('Read');
    await expectAccessible(page);
    await screenshots(page, 'admin-audit-log');

    await page.getByRole('button', { name: 'Español' }).click();
    await page.getByRole('heading', { level: 1, name: 'Registro de auditoría' }).waitFor();
    await read.filter({ hasText: 'Leído' }).waitFor();
    await expectAccessible(page);
    await screenshots(page, 'admin-audit-log-es');
    await page.getByRole('button', { name: 'English' }).click();
  });

  it('shows the changes made on these pages in the change log, without personal data', async () => {
    await page.getByRole('button', { name: 'Changes to settings' }).click();
    await page.getByRole('heading', { level: 2, name: 'Changes to settings' }).waitFor();
    await page.getByLabel('Who (sign-in name)').fill('e2e-web-admin');
    const changes = page.getByTestId('admin-changes');
    const row = (text: string) => changes.getByRole('row').filter({ hasText: text });
    const queue = row('Queue public-works.trees');
    const person = row('Staff member arborist-1');
    const revoked = row('API key').filter({ hasText: 'Revoked' });
    // Recorded with each change and stored by citizens as the events of routing, cases and intake
    // arrive: asked again until the last of each is in.
    await waitFor(
      async () => {
        await page.getByRole('button', { name: 'Show', exact: true }).click();
        await changes.or(page.getByText('Nothing matches.')).first().waitFor();
        return (
          (await queue.count()) > 0 && (await person.count()) > 0 && (await revoked.count()) > 0
        );
      },
      { what: 'the changes made on the admin pages in the log' },
    );
    expect(await queue.textContent()).toContain('e2e-web-admin (admin)');
    expect(await queue.textContent()).toContain('Added');
    expect(await queue.textContent()).toContain('assignment: — → "ROUND_ROBIN"');
    const service = changes
      .getByRole('row')
      .filter({ hasText: 'Service manhole-cover' })
      .filter({ hasText: 'Added' });
    expect(await service.textContent()).toContain('name: — → "Loose manhole cover"');
    // The questions were saved twice, the first refused (a code with a space): one change.
    expect(
      await changes
        .getByRole('row')
        .filter({ hasText: 'Questions of service manhole-cover' })
        .count(),
    ).toBe(1);
    expect(await person.textContent()).toContain('name: changed (personal data, not kept)');
    expect(await changes.textContent()).not.toContain('Ada Arbor');
    expect(await changes.textContent()).not.toContain('ada.arbor@');

    await page.getByLabel('What changed').selectOption({ label: 'API key' });
    await page.getByRole('button', { name: 'Show', exact: true }).click();
    await changes.getByRole('row').filter({ hasText: 'Revoked' }).waitFor();
    const kinds = await changes.getByRole('row').allTextContents();
    // The header row, then the key issued and revoked, newest first.
    expect(kinds.slice(1).map((row) => /Added|Revoked/.exec(row)?.[0])).toEqual([
      'Revoked',
      'Added',
    ]);
    await expectAccessible(page);
    await screenshots(page, 'admin-change-log');

    await page.getByRole('button', { name: 'Español' }).click();
    await page.getByRole('heading', { level: 2, name: 'Cambios de configuración' }).waitFor();
    await changes.getByRole('row').filter({ hasText: 'Revocado' }).waitFor();
    await expectAccessible(page);
    await page.getByRole('button', { name: 'English' }).click();
  });

  it('refuses a supervisor the admin pages, and does not link them', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.goto(`${base}/admin/api-keys`);
    await page.getByRole('link', { name: /Sign in as an admin/ }).click();
    await page.getByLabel('Role').selectOption('supervisor');
    await page.getByLabel('Department codes').fill('public-works');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'API keys' }).waitFor();
    await page.getByText('You are not allowed to do this.').waitFor();
    expect(await page.getByTestId('admin-keys').count()).toBe(0);
    const nav = page.getByRole('navigation', { name: 'Main' });
    expect(await nav.getByRole('link', { name: 'Routing rules' }).count()).toBe(1);
    expect(await nav.getByRole('link', { name: 'Administration' }).count()).toBe(0);
    await expectAccessible(page);
  });

  it('called only the public GraphQL API and the development sign-in', () => {
    expectOnlyPublicApiCalls(web.requests, base);
  });
});
