import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { waitFor } from '@civitas/testing';
import { TestIdentityProvider } from './identity-provider.js';
import type { E2ePlatform } from './platform.js';
import { expectAccessible, startWebSpec, type WebSpec } from './web-browser.js';

const CLIENT_ID = 'civitas-web';
const AUDIENCE = 'https://api.civitas.test/';
const SUPERVISOR = { login: 'sam.supervisor', roles: ['supervisor'], departments: ['streets'] };
const RESIDENT = { login: 'rosa.resident', roles: ['resident'] };
const OVERDUE = `query($d: String) { overdueCases(departmentCode: $d) { ticketNumber } }`;
/** The app refreshes a session 60 s before its access token expires: here 10 s after it is issued. */
const ACCESS_TOKEN_SECONDS = 70;

/*
 * Production sign-in (issue 13, docs/adr/0091) in Chromium: the gateway has no development key,
 * only a real OpenID Connect provider on loopback, and the app signs in there by the
 * authorization code flow with PKCE, comes back with the role's pages, refuses a return whose
 * state was changed on the way, signs out at the provider, and keeps a session past its access
 * token's life with the provider's refresh token (docs/adr/0098).
 */
describe('signing in with OpenID Connect in a real browser', () => {
  let idp: TestIdentityProvider;
  let e2e: E2ePlatform;
  let web: WebSpec;
  let page: Page;
  let base: string;

  beforeAll(async () => {
    idp = await TestIdentityProvider.start({
      audience: AUDIENCE,
      accounts: [SUPERVISOR, RESIDENT],
      // Short-lived, so that the app must refresh them (it does so a minute before they expire).
      accessTokenSeconds: ACCESS_TOKEN_SECONDS,
    });
    web = await startWebSpec(idp.gatewayEnv(CLIENT_ID));
    ({ e2e, page, base } = web);
    idp.registerWebApp(CLIENT_ID, base);
    // The provider's own pages import a web font; nothing here may reach the internet.
    await web.context.route(/fonts\.googleapis\.com/, (route) => route.abort());
  });

  afterAll(async () => {
    await web?.dispose();
    idp?.close();
  });

  /** The tab's stored session and pending sign-in (the spec is compiled without the DOM's types). */
  const session = () =>
    page.evaluate(() => {
      const storage = (
        globalThis as unknown as { sessionStorage: { getItem(key: string): string | null } }
      ).sessionStorage;
      return {
        session: storage.getItem('civitas.session'),
        pending: storage.getItem('civitas.oidc.pending'),
      };
    });

  interface StoredSession {
    token: string;
    expiresAt: string;
    refresh?: { token: string };
  }
  const stored = async () =>
    JSON.parse((await session()).session ?? 'null') as StoredSession | null;

  /** Waits until the stored session is due for a refresh (a minute before its token expires). */
  const untilRefreshDue = async () => {
    const current = (await stored())!;
    const due = Date.parse(current.expiresAt) - 60_000;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - Date.now()) + 500));
    return current;
  };

  /** From the app's sign-in page to the provider's, as `login`; consent once per account. */
  const signInAtProvider = async (login: string, checkPage = false) => {
    await page.getByRole('link', { name: 'Sign in', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    expect(await page.getByText('This site never sees your password').isVisible()).toBe(true);
    if (checkPage) {
      await expectAccessible(page);
    }
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.origin === idp.issuer);
    await page.locator('input[name="login"]').fill(login);
    await page.locator('input[name="password"]').fill('any password');
    await page.getByRole('button', { name: 'Sign-in' }).click();
    await page.getByRole('button', { name: 'Continue' }).click();
  };

  it('a supervisor signs in at the provider and comes back to the supervisor’s pages', async () => {
    await page.goto(base);
    await signInAtProvider(SUPERVISOR.login, true);

    await page.getByRole('heading', { level: 1, name: 'Supervisor dashboard' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/supervisor');
    // The code and state left the address bar; the verifier left the tab's storage.
    expect(new URL(page.url()).search).toBe('');
    expect(await page.getByText(`Signed in as ${SUPERVISOR.login} (supervisor)`).isVisible()).toBe(
      true,
    );
    for (const name of ['Dashboard', 'Routing rules', 'Failed messages']) {
      expect(await page.getByRole('link', { name }).isVisible()).toBe(true);
    }
    const stored = await session();
    expect(stored.pending).toBeNull();
    // The provider's token is what the app calls the API with, and the gateway honours it.
    const { token } = JSON.parse(stored.session!) as { token: string };
    const overdue = await e2e.call(OVERDUE, { d: 'streets' }, token);
    expect(overdue.errors).toBeUndefined();
    await expectAccessible(page);
  });

  it('signing out ends the session here and at the provider', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL((url) => url.origin === idp.issuer);
    await page.getByRole('button', { name: 'Yes, sign me out' }).click();
    await page.getByRole('heading', { level: 1, name: 'How can we help?' }).waitFor();
    expect(page.url()).toBe(`${base}/`);
    expect(await page.getByRole('link', { name: 'Sign in', exact: true }).isVisible()).toBe(true);
    expect((await session()).session).toBeNull();
  });

  it('a return whose state was changed on the way is refused in words; a resident then signs in and is asked to link her sign-in', async () => {
    idp.tamperWithRedirects((location) =>
      location.startsWith(`${base}/sign-in/callback`)
        ? location.replace(/([?&]state=)[^&]*/, '$1forged-by-someone-else')
        : location,
    );
    // Signed out at the provider: the provider asks who is signing in again.
    await signInAtProvider(RESIDENT.login);
    const problem = page.getByTestId('sign-in-problem');
    await problem.waitFor();
    expect(await problem.textContent()).toBe(
      'This sign-in was refused: the answer from the sign-in page does not belong to the sign-in started in this browser tab, so it may not be yours. You are not signed in. Please sign in again.',
    );
    expect(new URL(page.url()).search).toBe('');
    expect(await session()).toEqual({ session: null, pending: null });
    expect(await page.getByRole('link', { name: 'Sign in', exact: true }).isVisible()).toBe(true);
    await expectAccessible(page);

    idp.tamperWithRedirects(undefined);
    await page.getByRole('link', { name: 'Sign in again' }).click();
    await page.getByRole('button', { name: 'Sign in' }).click();
    // Still signed in at the provider, with her consent given: straight back.
    await page.getByRole('heading', { level: 1, name: 'My requests' }).waitFor();
    expect(await page.getByTestId('not-linked').textContent()).toContain(
      'Your sign-in is not linked to your record yet',
    );
  });

  it('a session outlives its access token: the app gets a new one with the refresh token, and a refused refresh signs the person out', async () => {
    const before = await untilRefreshDue();
    expect(before.refresh?.token).toBeTruthy();
    const refreshes = idp.grants.filter((grant) => grant === 'refresh_token').length;

    // The next page's request first gets a new access token, then calls the API with it.
    await page.getByRole('link', { name: 'My profile' }).click();
    await page.getByRole('heading', { level: 1, name: 'My profile' }).waitFor();
    const refreshed = () => idp.grants.filter((grant) => grant === 'refresh_token').length;
    await waitFor(async () => refreshed() > refreshes && (await stored())?.token !== before.token, {
      what: 'the app to refresh its access token',
    });
    // Once: the page's requests made together spent the refresh token once.
    expect(refreshed()).toBe(refreshes + 1);
    const after = (await stored())!;
    expect(after.token).not.toBe(before.token);
    expect(Date.parse(after.expiresAt)).toBeGreaterThan(Date.parse(before.expiresAt));
    // The provider rotated the refresh token: the app keeps the new one.
    expect(after.refresh?.token).not.toBe(before.refresh?.token);
    // The gateway honours the new token.
    const verified = await fetch(`${base}/auth/session`, {
      headers: { authorization: `Bearer ${after.token}` },
    });
    expect(verified.status).toBe(200);

    // Revoked at the provider: the next refresh is refused, and the session ends here.
    await untilRefreshDue();
    idp.refuseTokenRequests(true);
    try {
      await page.getByRole('link', { name: 'My requests' }).click();
      // The page asks her to sign in again instead of showing a refusal.
      await page
        .getByRole('link', { name: 'Sign in to see your requests, your profile and your data.' })
        .waitFor();
      expect(await stored()).toBeNull();
      await page.reload();
      expect(await page.getByRole('link', { name: 'Sign in', exact: true }).isVisible()).toBe(true);
    } finally {
      idp.refuseTokenRequests(false);
    }
  });
});
