// Browser tests drive Chromium (see chromium.ts for which one) through playwright-core against the
// real HTTP server on a fresh test database.
import { existsSync, mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterEach } from 'vitest';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/db/seed/seed.ts';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { CHROMIUM_ARGS, chromiumExecutable } from './chromium.ts';

export { CHROMIUM_ARGS };
export const SCREENSHOTS = fileURLToPath(new URL('../../test-results/', import.meta.url));
const WEB_DIST = fileURLToPath(new URL('../../web/dist/index.html', import.meta.url));

export interface WebHarness {
  t: TestApp;
  base: string;
  browser: Browser;
  close(): Promise<void>;
}

/** `businessDate`: the server's “today” (startTestApp's default, 2023-06-01, lies inside both policies' windows). */
export async function startWeb(options: { enterprises?: number; demo?: boolean; businessDate?: string } = {}): Promise<WebHarness> {
  if (!existsSync(WEB_DIST)) throw new Error('web/dist 不存在:globalSetup 应已构建 Web 前端 (node bin/ensure-web.js)');
  mkdirSync(SCREENSHOTS, { recursive: true });
  const t = await startTestApp(options);
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = t.app.server.address() as AddressInfo;
  const browser = await chromium.launch({ executablePath: (await chromiumExecutable()).path, args: CHROMIUM_ARGS });
  return {
    t, browser, base: `http://127.0.0.1:${port}`,
    close: async () => {
      await browser.close();
      await t.close();
    },
  };
}

const uncaught = new WeakMap<Page, string[]>();

/**
 * Pages a finished test gave back, per harness, to be opened again by the next test. A new context
 * is a new renderer process that downloads, parses and compiles the whole app again: six sign-ins
 * took 26.5 s in new contexts and 14.8 s on one page taken back each time (this machine, idle), and
 * a CI run opens ~80. A page is given back only in a fresh state: no cookies, no local or session
 * storage, no routes or listeners a test added, and on about:blank so no timer of the app runs on.
 */
const idlePages = new WeakMap<WebHarness, Page[]>();
const harnessOf = new WeakMap<Page, WebHarness>();

/** The page's own error listeners (a test's listeners are dropped when the page is given back). */
function watchErrors(page: Page): void {
  page.on('pageerror', (e) => uncaught.get(page)?.push(e.message));
  // A script, style or image the content security policy refused is a broken page too.
  page.on('console', (m) => { if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) uncaught.get(page)?.push(m.text()); });
}

/**
 * A page of its own (own cookies and localStorage: a page given back by an earlier test, reset, else a
 * new browser context) on the login page (`null`: on no page yet).
 */
export async function openPage(h: WebHarness, path: string | null = '/login', viewport = { width: 1440, height: 900 }): Promise<Page> {
  let page = idlePages.get(h)?.pop();
  if (page) {
    const size = page.viewportSize();
    if (size?.width !== viewport.width || size.height !== viewport.height) await page.setViewportSize(viewport);
  } else {
    // Reduced motion: the app then skips antd's transitions and the charts' entry animations, which
    // only cost a busy CI machine frames (the setting is the reader's, honoured as for any reader).
    const context = await h.browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', reducedMotion: 'reduce' });
    page = await context.newPage();
    // Playwright's own default is 30 s; 20 s still fails a stuck page quickly, and leaves room for a
    // server write (an import, a sign-off) on a 2-core CI machine that runs other test files beside it.
    page.setDefaultTimeout(20_000);
    watchErrors(page);
    harnessOf.set(page, h);
  }
  uncaught.set(page, []);
  if (path !== null) await page.goto(h.base + path);
  return page;
}

/**
 * Gives a page back for the next test, reset (see idlePages); a page that cannot be reset — closed,
 * with a second page in its context (a print window), or failing a step — has its context closed.
 */
async function givePageBack(page: Page): Promise<void> {
  const h = harnessOf.get(page);
  if (page.isClosed() || !h) return;
  const context = page.context();
  try {
    if (context.pages().length !== 1) throw new Error('a second page is open in this context');
    await page.removeAllListeners(undefined, { behavior: 'ignoreErrors' });
    watchErrors(page);
    await page.unrouteAll({ behavior: 'ignoreErrors' });
    await context.unrouteAll({ behavior: 'ignoreErrors' });
    if (page.url().startsWith(h.base)) await page.evaluate('localStorage.clear(); sessionStorage.clear()');
    await context.clearCookies();
    await page.goto('about:blank');
    let idle = idlePages.get(h);
    if (!idle) idlePages.set(h, (idle = []));
    idle.push(page);
  } catch {
    await context.close().catch(() => undefined);
  }
}

/**
 * Gives the pages a test opened back when it ends (givePageBack). Left open until the file ends,
 * every page kept its timers and queries running, and the later tests of a long file ran on a
 * slower machine (an import that takes 3 s alone took over 10 s as the file's sixth test).
 */
export function pagesGivenBackAfterEach(): (page: Page) => Page {
  const pages: Page[] = [];
  afterEach(async () => {
    for (const p of pages.splice(0)) await givePageBack(p);
  });
  return (page) => { pages.push(page); return page; };
}

/** Uncaught exceptions in the page's scripts and CSP refusals since it was opened (a broken page fails the test). */
export const pageErrors = (page: Page): string[] => uncaught.get(page) ?? [];

/**
 * A page signed in as this user. By default the session is opened through the API and its cookie
 * given to a new browser context, which then opens `at` (the home page, waiting for it, unless told
 * otherwise; a caller naming a page waits for that page's own content). The sign-in form itself is
 * driven when `form` is set (web-app.test.ts, and account.test.ts, whose sessions list names the
 * browser); the login page's errors are tested through openPage. Filling the form every time cost
 * each test a render of the login page and of the home page it did not look at — 2–6 s of
 * Chromium's time on a 2-core machine, 62 times a run.
 */
export async function signIn(h: WebHarness, username: string, options: { at?: string; form?: boolean; viewport?: { width: number; height: number } } = {}): Promise<Page> {
  let page: Page;
  if (options.form) {
    page = await openPage(h, '/login', options.viewport);
    await page.locator('#login-username').fill(username);
    await page.locator('#login-password').fill(DEMO_PASSWORD);
    await page.locator('[data-testid=login-submit]').click();
  } else {
    const res = await h.t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: DEMO_PASSWORD } });
    const cookie = res.cookies.find((c) => c.name === 'zgsz_session');
    if (res.statusCode !== 200 || !cookie) throw new Error(`sign-in as ${username} failed: ${res.statusCode} ${res.body}`);
    page = await openPage(h, null, options.viewport);
    await page.context().addCookies([{ name: cookie.name, value: cookie.value, url: h.base, httpOnly: true, sameSite: 'Strict' }]);
    await page.goto(h.base + (options.at ?? '/'));
  }
  if (!options.at) await page.locator('[data-testid=dashboard]').waitFor();
  return page;
}

/**
 * A full-page screenshot into test-results/, to look at as the officer would. ZGSZ_E2E_SCREENSHOTS=0
 * leaves them out (CI, where nobody opens them: about 0.4 s of Chromium's time each, 2-core
 * machine, ~90 per run).
 */
export const screenshot = async (page: Page, name: string): Promise<void> => {
  if (process.env.ZGSZ_E2E_SCREENSHOTS === '0') return;
  await page.screenshot({ path: `${SCREENSHOTS}e2e-${name}.png`, fullPage: true });
};

/**
 * Picks the option with this label in an antd Select, then checks the Select shows it. The dropdown
 * is found by the listbox id rc-select derives from the Select's own input (`<id>_list`), never as
 * "the visible dropdown": a previous Select's dropdown may still be animating closed, or a drawer
 * still sliding in may swallow the first click, and picking from the wrong list left a field empty.
 * A few attempts cover a click lost to an animation; the last error is rethrown.
 */
export async function chooseOption(page: Page, select: Locator, label: string): Promise<void> {
  let lastError: unknown;
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      const input = select.locator('input[role=combobox]').first();
      const inputId = await input.getAttribute('id', { timeout: 5_000 });
      if (!inputId) throw new Error('the Select has no input id');
      const dropdown = page.locator(`.ant-select-dropdown:has([id="${inputId}_list"])`);
      if (!(await dropdown.isVisible())) await select.click({ timeout: 5_000 });
      await dropdown.locator('.ant-select-item-option', { hasText: label }).first().click({ timeout: 3_000 });
      for (let i = 0; i < 20; i++) {
        if ((await select.innerText()).includes(label)) return;
        await page.waitForTimeout(100);
      }
      throw new Error(`the Select does not show ${label} after picking it`);
    } catch (e) {
      lastError = e;
      await page.waitForTimeout(300);
    }
  }
  throw lastError;
}
