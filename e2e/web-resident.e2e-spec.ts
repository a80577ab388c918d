import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '@civitas/contracts';
import { aChangeCaseStatusInput, errorCodes, waitFor } from '@civitas/testing';
import type { ParsedMail } from 'mailparser';
import type { Page } from 'playwright-core';
import type { E2ePlatform } from './platform.js';
import {
  expectAccessible,
  expectOnlyPublicApiCalls,
  screenshots,
  startWebSpec,
  type WebSpec,
} from './web-browser.js';

/** Where citizens points the closure notice's survey link; the test opens its path on the app. */
const SURVEY_PAGE = 'https://311.example.test/survey';
const RESIDENT_SUB = 'rosa-web';
const EMAIL = 'rosa.web@example.org';
const WORK_EMAIL = 'rosa.work@example.org';

interface MyData {
  intake: { submissions: { ticketNumber: string }[] };
  cases: { cases: { ticketNumber: string }[] };
}

/*
 * The resident's own pages (issue 13, docs/adr/0085) in Chromium against the whole platform: a
 * resident reports, staff link her sign-in, and she sees her request, changes a consent, confirms
 * an e-mail with its code, downloads her data, answers the closure survey from its link once, and
 * erases herself; in English and Spanish, axe-core on each page, screenshots at both widths.
 */
describe('the resident’s pages in a real browser', () => {
  let e2e: E2ePlatform;
  let web: WebSpec;
  let page: Page;
  let base: string;
  let ticket: string;
  let resident: string;

  beforeAll(async () => {
    web = await startWebSpec({ SURVEY_URL: SURVEY_PAGE }, { mailbox: true });
    ({ e2e, page, base } = web);
    resident = await e2e.token(Role.Resident, { sub: RESIDENT_SUB });
  });

  afterAll(async () => {
    await web?.dispose();
  });

  const check = async (name: string) => {
    await expectAccessible(page);
    await screenshots(page, name);
  };
  const mailTo = (address: string, subject: string) =>
    waitFor(
      async () =>
        [...e2e.mails]
          .reverse()
          .find(
            (m: ParsedMail) =>
              m.subject === subject &&
              [m.to].flat().some((to) => to?.value.some((a) => a.address === address)),
          ),
      { what: `"${subject}" to ${address}` },
    );

  it('a resident reports a problem with her e-mail; staff link her sign-in to her record', async () => {
    await page.goto(`${base}/report`);
    await page.getByLabel('Find a service by typing').fill('pothole');
    await page.getByRole('radio', { name: 'Pothole' }).check();
    await page.getByLabel('How big is the pothole?').selectOption('medium');
    await page.getByLabel('Describe the problem').fill('Pothole outside number 12');
    await page.getByLabel('Address').fill('12 Elm Street');
    await page.getByLabel('Latitude').fill('40.7128');
    await page.getByLabel('Longitude').fill('-74.006');
    await page.getByLabel('First name').fill('Rosa');
    await page.getByLabel('E-mail').fill(EMAIL);
    await page.getByRole('button', { name: 'Send report' }).click();
    await page.getByTestId('ticket-number').waitFor();
    ticket = (await page.getByTestId('ticket-number').textContent())!;

    // The contact centre links her sign-in (ADR 0040: here with a second person's approval).
    const agent = await e2e.token(Role.Agent, { sub: 'agent-web-resident' });
    const admin = await e2e.token(Role.Admin, { sub: 'admin-web-resident' });
    const citizenId = await waitFor(
      async () =>
        (
          await e2e.call<{ searchCitizens: { id: string }[] }>(
            'query($q: String!) { searchCitizens(query: $q) { id } }',
            { q: EMAIL },
            agent,
          )
        ).data?.searchCitizens[0]?.id,
      { what: 'her record' },
    );
    const asked = await e2e.call<{ requestLoginLink: { id: string } }>(
      'mutation($c: ID!, $s: String!) { requestLoginLink(citizenId: $c, sub: $s, reason: "walk-in, ID seen") { id } }',
      { c: citizenId, s: RESIDENT_SUB },
      agent,
    );
    const decided = await e2e.call<{ decideLoginLink: { status: string } }>(
      'mutation($r: ID!) { decideLoginLink(id: $r, approve: true) { status } }',
      { r: asked.data!.requestLoginLink.id },
      admin,
    );
    expect(decided.data?.decideLoginLink.status).toBe('APPROVED');
    // Intake and cases know the request as hers before she looks.
    await waitFor(
      async () => {
        const data = (await e2e.call<{ requestMyData: MyData }>('{ requestMyData }', {}, resident))
          .data?.requestMyData;
        return (
          data?.intake.submissions.some((s) => s.ticketNumber === ticket) &&
          data.cases.cases.some((c) => c.ticketNumber === ticket)
        );
      },
      { what: `${ticket} in her data` },
    );
  });

  it('she signs in and finds the request in My requests, linking to its tracking page, in English and Spanish', async () => {
    // The list is her own query (docs/adr/0096), not a download of all her data on each visit.
    const sent: string[] = [];
    const record = (request: { postData(): string | null }) => sent.push(request.postData() ?? '');
    page.on('request', record);
    await page.goto(`${base}/sign-in`);
    await page.getByLabel('Role').selectOption('resident');
    await page.getByLabel('Your user name').fill(RESIDENT_SUB);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'My requests' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/me');
    const row = page.getByTestId('my-requests').getByRole('row', { name: new RegExp(ticket) });
    await row.waitFor();
    expect(await row.textContent()).toContain('Pothole');
    page.off('request', record);
    expect(sent.some((body) => body.includes('query MyRequests'))).toBe(true);
    expect(sent.some((body) => body.includes('RequestMyData'))).toBe(false);
    await check('my-requests');

    await page.getByRole('button', { name: 'Español' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mis solicitudes' }).waitFor();
    expect(await page.getByRole('link', { name: 'Mi perfil' }).isVisible()).toBe(true);
    await check('my-requests-es');
    await page.getByRole('button', { name: 'English' }).click();

    await row.getByRole('link', { name: ticket }).click();
    await page.getByRole('heading', { level: 2, name: new RegExp(ticket) }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/track/${ticket}`);
  });

  it('she changes a consent, and adds an e-mail that counts once she enters its code', async () => {
    await page.getByRole('link', { name: 'My profile' }).click();
    await page.getByRole('heading', { level: 1, name: 'My profile' }).waitFor();
    const updatesByEmail = page
      .getByRole('group', { name: 'Updates about your requests' })
      .getByRole('checkbox', { name: 'E-mail' });
    await updatesByEmail.waitFor();
    // Giving her e-mail when reporting is a yes to updates about it, until she says no.
    expect(await updatesByEmail.isChecked()).toBe(true);
    const surveysByEmail = page
      .getByRole('group', { name: 'Surveys' })
      .getByRole('checkbox', { name: 'E-mail' });
    expect(await surveysByEmail.isChecked()).toBe(false);
    await surveysByEmail.focus();
    await page.keyboard.press('Space');
    await page.getByText('Saved: Surveys by E-mail: yes.').waitFor();
    expect(await surveysByEmail.isChecked()).toBe(true);
    const me = await e2e.call<{
      me: { consents: { channel: string; purpose: string; granted: boolean; source: string }[] };
    }>('{ me { consents { channel purpose granted source } } }', {}, resident);
    expect(me.data!.me.consents).toContainEqual({
      channel: 'EMAIL',
      purpose: 'SURVEYS',
      granted: true,
      source: 'SELF_SERVICE',
    });

    await page.getByLabel('E-mail, phone number or address').fill(WORK_EMAIL);
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.getByTestId('contact-added').getByText(`We sent a code to ${WORK_EMAIL}`).waitFor();
    expect(await page.getByTestId('contact-points').textContent()).not.toContain(WORK_EMAIL);
    const mail = await mailTo(WORK_EMAIL, 'Your Civitas 311 verification code');
    const code = /Your code is (\d{6})/.exec(mail.text ?? '')![1];
    const codeInput = page.getByLabel(`Code sent to ${WORK_EMAIL}`);
    await codeInput.fill(code === '000000' ? '111111' : '000000');
    await page.getByRole('button', { name: `Confirm ${WORK_EMAIL}` }).click();
    await page.getByRole('alert').getByText('That code is not the one we sent.').waitFor();
    expect(await codeInput.getAttribute('aria-invalid')).toBe('true');
    await check('my-profile');

    await codeInput.fill(code);
    await page.getByRole('button', { name: `Confirm ${WORK_EMAIL}` }).click();
    await page.getByTestId('contact-points').getByText(WORK_EMAIL).waitFor();
    expect(await page.getByLabel(`Code sent to ${WORK_EMAIL}`).count()).toBe(0);
  });

  it('she downloads everything held about her as one file', async () => {
    await page.getByRole('link', { name: 'My data' }).click();
    await page.getByRole('heading', { level: 1, name: 'My data' }).waitFor();
    await page.getByRole('button', { name: 'Prepare my data' }).click();
    const save = page.getByRole('link', { name: 'Save my data (JSON file)' });
    await save.waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), save.click()]);
    expect(download.suggestedFilename()).toMatch(/^civitas-my-data-\d{4}-\d{2}-\d{2}\.json$/);
    const data = JSON.parse(readFileSync((await download.path())!, 'utf8')) as MyData & {
      citizens: { profile: { firstName: string; contactPoints: { value: string }[] } };
    };
    expect(data.citizens.profile.firstName).toBe('Rosa');
    expect(data.citizens.profile.contactPoints.map((c) => c.value)).toContain(WORK_EMAIL);
    expect(data.cases.cases.map((c) => c.ticketNumber)).toEqual([ticket]);
    await check('my-data');
  });

  it('she answers the closure survey from the notice’s link once; the link then says it was used, in Spanish too', async () => {
    const admin = await e2e.token(Role.Admin, { sub: 'admin-web-resident' });
    const department = await waitFor(
      async () =>
        (
          await e2e.call<{ caseByTicket: { department: { code: string } | null } | null }>(
            'query($t: String!) { caseByTicket(ticketNumber: $t) { department { code } } }',
            { t: ticket },
            admin,
          )
        ).data?.caseByTicket?.department?.code,
      { what: `${ticket} routed` },
    );
    const caseworker = await e2e.token(Role.Caseworker, { departments: [department] });
    const closed = await e2e.call(
      'mutation($i: ChangeCaseStatusInput!) { changeCaseStatus(input: $i) { status } }',
      { i: aChangeCaseStatusInput(ticket, 'CLOSED').withPublicNote('Pothole filled').build() },
      caseworker,
    );
    expect(closed.errors).toBeUndefined();
    const notice = await mailTo(EMAIL, `Your request ${ticket} is closed`);
    const link = new URL(/1 to 5: (\S+)/.exec(notice.text ?? '')![1]);
    expect(`${link.origin}${link.pathname}`).toBe(SURVEY_PAGE);
    const survey = `${base}${link.pathname}${link.search}`;

    await page.goto(survey);
    await page.getByRole('heading', { level: 1, name: 'How did we do?' }).waitFor();
    // By keyboard: sending without a score says so and leads to the first score.
    await page.getByRole('button', { name: 'Send my answer' }).focus();
    await page.keyboard.press('Enter');
    const problem = page.getByRole('link', { name: 'Choose a score from 1 to 5.' });
    await problem.waitFor();
    await check('survey-error');
    await problem.press('Enter');
    expect(await page.locator(':focus').getAttribute('id')).toBe('score-1');
    for (let i = 0; i < 3; i++) {
      await page.keyboard.press('ArrowDown');
    }
    expect(await page.getByLabel('4: satisfied').isChecked()).toBe(true);
    await page.keyboard.press('Tab');
    await page.keyboard.type('Filled within the week');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.getByTestId('survey-thanks').waitFor();
    expect(await page.getByTestId('survey-thanks').textContent()).toBe(
      `Your answer about request ${ticket} is recorded.`,
    );
    await check('survey-answered');
    const answer = await e2e.call<{ caseByTicket: { satisfaction: unknown } }>(
      'query($t: String!) { caseByTicket(ticketNumber: $t) { satisfaction { score comment } } }',
      { t: ticket },
      admin,
    );
    expect(answer.data!.caseByTicket.satisfaction).toEqual({
      score: 4,
      comment: 'Filled within the week',
    });

    // The same link again, in Spanish: refused, said in words, nothing else to fill in.
    link.searchParams.set('lang', 'es');
    await page.goto(`${base}${link.pathname}${link.search}`);
    await page.getByRole('heading', { level: 1, name: '¿Qué tal lo hicimos?' }).waitFor();
    await page.getByLabel('5: muy satisfecho').check();
    await page.getByRole('button', { name: 'Enviar mi respuesta' }).click();
    const refused = page.getByTestId('survey-refused');
    await refused.waitFor();
    expect(await refused.textContent()).toContain('Este enlace ya se usó para responder.');
    expect(await page.getByRole('button', { name: 'Enviar mi respuesta' }).count()).toBe(0);
    await check('survey-used-es');
    await page.getByRole('button', { name: 'English' }).click();
  });

  it('she erases herself after confirming, and is signed out', async () => {
    await page.goto(`${base}/me/data`);
    await page.getByRole('button', { name: 'Erase my personal data…' }).click();
    expect(await page.locator(':focus').textContent()).toBe('Are you sure?');
    await page.getByRole('button', { name: 'Yes, erase my personal data' }).click();
    await page.getByRole('link', { name: 'Tick the box to confirm first.' }).waitFor();
    await check('erase-confirm');
    await page.getByLabel(/I understand that my personal data is erased/).check();
    await page.getByRole('button', { name: 'Yes, erase my personal data' }).click();
    await page.getByRole('heading', { level: 1, name: 'Your personal data is erased' }).waitFor();
    expect(await page.getByRole('link', { name: 'Sign in' }).isVisible()).toBe(true);
    await check('erased');
    expect(errorCodes(await e2e.call('{ me { id } }', {}, resident))).toEqual([
      'RESIDENT_NOT_LINKED',
    ]);
  });

  it('a sign-in not linked to a record is told how to link it', async () => {
    await page.goto(`${base}/sign-in`);
    await page.getByLabel('Role').selectOption('resident');
    await page.getByLabel('Your user name').fill(RESIDENT_SUB);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('not-linked').waitFor();
    expect(await page.getByTestId('not-linked').textContent()).toContain('contact centre');
  });

  it('the pages called only the public API and the development sign-in', () => {
    expectOnlyPublicApiCalls(web.requests, base);
  });
});
