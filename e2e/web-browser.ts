import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from '@jest/globals';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startE2ePlatform, type E2ePlatform } from './platform.js';

/*
 * What the web app's browser specs share (docs/adr/0072): Debian's Chromium driven by
 * playwright-core, axe-core on each page, screenshots at desktop and phone widths, and the record
 * of every request the pages made. Nothing downloads a browser: CHROMIUM_PATH or /usr/bin/chromium
 * (`.ci/run` installs it).
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Git-ignored; the README says where to look. */
export const SCREENSHOTS = join(import.meta.dirname, 'screenshots', 'web');
export const WIDTHS = { desktop: 1280, phone: 390 } as const;

export interface WebBrowser {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Every request the pages made: URL and resource type. */
  requests: { url: string; type: string }[];
  close(): Promise<void>;
}

/** Chromium with one English page at desktop width, its requests recorded. */
async function openBrowser(): Promise<WebBrowser> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  const context = await browser.newContext({
    viewport: { width: WIDTHS.desktop, height: 900 },
    locale: 'en-US',
  });
  const page = await context.newPage();
  const requests: WebBrowser['requests'] = [];
  page.on('request', (request) =>
    requests.push({ url: request.url(), type: request.resourceType() }),
  );
  return { browser, context, page, requests, close: () => browser.close() };
}

/** A browser spec's whole set-up: the platform, its gateway's URL and Chromium. */
export interface WebSpec extends WebBrowser {
  e2e: E2ePlatform;
  /** The gateway, which serves the web app at `/`. */
  base: string;
  /** Closes the browser, then stops the platform. */
  dispose(): Promise<void>;
}

/** What each browser spec's `beforeAll` starts: the platform (as `startE2ePlatform`), then Chromium. */
export async function startWebSpec(
  ...platform: Parameters<typeof startE2ePlatform>
): Promise<WebSpec> {
  const e2e = await startE2ePlatform(...platform);
  try {
    const web = await openBrowser();
    const dispose = async () => {
      await web.close();
      await e2e.dispose();
    };
    return { ...web, e2e, base: e2e.platform.baseUrl('gateway'), dispose };
  } catch (error) {
    await e2e.dispose();
    throw error;
  }
}

/** No serious or critical axe-core violation on the page as it is now. */
export async function expectAccessible(page: Page): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const severe = violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join('; ')})`);
  expect(severe).toEqual([]);
}

/*
 * Every ticket number in the page's text that the browser laid out over more than one line. A
 * browser may break a line after a hyphen, and did, inside `SR-2026-0000001`, at phone width.
 * (A string: the specs are compiled without the DOM's types.)
 */
const BROKEN_TICKETS = `(() => {
  const broken = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (const match of node.textContent.matchAll(/\\b[A-Z][A-Z0-9]*-\\d{4}-\\d{4,}\\b/g)) {
      const range = document.createRange();
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
      if (lines.size > 1) broken.push(match[0]);
    }
  }
  return broken;
})()`;

/**
 * The page at desktop and phone widths, full length, into SCREENSHOTS as `<name>-<width>.png`;
 * at each width no ticket number is broken over two lines.
 */
export async function screenshots(page: Page, name: string): Promise<void> {
  for (const [label, width] of Object.entries(WIDTHS)) {
    await page.setViewportSize({ width, height: 900 });
    expect({ page: name, width: label, broken: await page.evaluate(BROKEN_TICKETS) }).toEqual({
      page: name,
      width: label,
      broken: [],
    });
    await page.screenshot({ path: join(SCREENSHOTS, `${name}-${label}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: WIDTHS.desktop, height: 900 });
}

/**
 * The pages came from the gateway (`base`) and called nothing but the public APIs and the
 * development sign-in; their scripts and styles are the built app's.
 */
export function expectOnlyPublicApiCalls(requests: WebBrowser['requests'], base: string): void {
  const origin = new URL(base).origin;
  expect(requests.filter((r) => new URL(r.url).origin !== origin)).toEqual([]);
  const calls = requests.filter(
    (r) => !['document', 'script', 'stylesheet', 'image'].includes(r.type),
  );
  expect(calls.length).toBeGreaterThan(0);
  expect(
    calls.filter(
      (r) =>
        !['/graphql', '/open311', '/auth/dev-token'].some((p) =>
          new URL(r.url).pathname.startsWith(p),
        ),
    ),
  ).toEqual([]);
  const assets = requests.filter((r) => ['script', 'stylesheet'].includes(r.type));
  expect(assets.every((r) => new URL(r.url).pathname.startsWith('/assets/'))).toBe(true);
}
