// 账号与安全 in a real browser: reached from the user menu, the sessions table with the current one
// marked, 结束 and 退出其他会话, changing one's password (the server's refusal at the field, the other
// sessions ended), both languages; and the users page showing the server's refusal to disable oneself.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/db/seed/seed.ts';
import { type Client, login } from '../helpers/app.ts';
import { openPage, pageErrors, screenshot, signIn, type WebHarness, startWeb, pagesGivenBackAfterEach } from './browser.ts';

let h: WebHarness;
beforeAll(async () => { h = await startWeb({ enterprises: 4 }); });
afterAll(async () => { await h?.close(); });

const track = pagesGivenBackAfterEach();

const signedIn = async (c: Client) => (await c.request('GET', '/api/v1/auth/me')).statusCode === 200;
const confirmPopover = (page: Page) => page.locator('.ant-popover:visible .ant-popconfirm-buttons .ant-btn-primary').click();

async function openAccount(page: Page) {
  await page.locator('[data-testid=current-user]').click();
  await page.locator('[data-testid=menu-account]').click();
  await page.locator('[data-testid=account-page]').waitFor();
}

describe('账号与安全 in Chromium', { timeout: 120_000 }, () => {
  it('lists my sessions from the user menu, ends one and then all the others', async () => {
    const elsewhere = [await login(h.t.app, 'reviewer'), await login(h.t.app, 'reviewer')];
    // Through the form: the sessions list names this browser.
    const page = track(await signIn(h, 'reviewer', { form: true }));
    await openAccount(page);
    const rows = page.locator('[data-testid=sessions] tbody tr.ant-table-row');
    await expect.poll(() => rows.count()).toBe(3);
    expect(await page.locator('[data-testid=current-session]').count()).toBe(1);
    expect(await page.locator('[data-testid=sessions]').innerText()).toContain('Chrome');
    await screenshot(page, 'account-sessions');

    // 结束 on a row that is not this one.
    const other = rows.filter({ hasNot: page.locator('[data-testid=current-session]') }).first();
    await other.locator('[data-testid=end-session]').click();
    await confirmPopover(page);
    await expect.poll(() => rows.count()).toBe(2);
    expect((await Promise.all(elsewhere.map(signedIn))).filter(Boolean)).toHaveLength(1);

    await page.locator('[data-testid=end-other-sessions]').click();
    await confirmPopover(page);
    await expect.poll(() => rows.count()).toBe(1);
    expect((await Promise.all(elsewhere.map(signedIn))).filter(Boolean)).toHaveLength(0);
    expect(pageErrors(page)).toEqual([]);
  });

  it('changes my password: a wrong old password is shown at its field, then the change ends my other sessions', async () => {
    const other = await login(h.t.app, 'finance');
    const page = track(await signIn(h, 'finance'));
    await openAccount(page);
    const form = page.locator('[data-testid=change-password]');
    await page.locator('[data-testid=old-password]').fill('Wrong#Old-pass1');
    await page.locator('[data-testid=new-password]').fill('Fin4nce#Renewed');
    await page.locator('[data-testid=confirm-password]').fill('Fin4nce#Renewed');
    await page.locator('[data-testid=change-password-submit]').click();
    await form.getByText('原密码不正确').waitFor();
    expect(await signedIn(other)).toBe(true);

    // A common password is refused by the server at the new-password field.
    await page.locator('[data-testid=old-password]').fill(DEMO_PASSWORD);
    await page.locator('[data-testid=new-password]').fill('Woaini@1314520');
    await page.locator('[data-testid=confirm-password]').fill('Woaini@1314520');
    await page.locator('[data-testid=change-password-submit]').click();
    await form.getByText('新密码过于常见', { exact: false }).waitFor();

    await page.locator('[data-testid=new-password]').fill('Fin4nce#Renewed');
    await page.locator('[data-testid=confirm-password]').fill('Fin4nce#Renewed');
    await page.locator('[data-testid=change-password-submit]').click();
    await page.getByText('密码已修改', { exact: false }).waitFor();
    await screenshot(page, 'account-password-changed');
    expect(await signedIn(other)).toBe(false);
    // This browser stays signed in; the new password signs in elsewhere.
    await page.reload();
    await page.locator('[data-testid=account-page]').waitFor();
    expect(await signedIn(await login(h.t.app, 'finance', 'Fin4nce#Renewed'))).toBe(true);
    expect(pageErrors(page)).toEqual([]);
  });

  it('reads in English', async () => {
    const page = track(await signIn(h, 'baoying'));
    await page.locator('[data-testid=lang-switch]').click();
    await openAccount(page);
    await page.locator('[data-testid=current-session]').waitFor();
    const text = await page.locator('[data-testid=account-page]').innerText();
    for (const label of ['Account & security', 'Change password', 'Sessions', 'Sign out everywhere else', 'This session']) expect(text).toContain(label);
    await screenshot(page, 'account-en');
  });

  it('the users page shows the server\'s refusal when an administrator disables their own account', async () => {
    const page = track(await openPage(h));
    await page.locator('#login-username').fill('admin');
    await page.locator('#login-password').fill(DEMO_PASSWORD);
    await page.locator('[data-testid=login-submit]').click();
    await page.locator('[data-testid=dashboard]').waitFor();
    await page.goto(`${h.base}/users`);
    await page.locator('[data-testid=disable-admin]').click();
    await confirmPopover(page);
    await page.getByText('不能停用自己的账号', { exact: false }).waitFor();
    await screenshot(page, 'users-self-disable');
    expect(pageErrors(page)).toEqual([]);
  });
});
