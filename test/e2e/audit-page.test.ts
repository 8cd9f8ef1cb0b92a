// The audit page in a real browser: Chinese action names, the filters, an entry's field-level changes
// with the raw JSON behind a toggle, and at 1280 px no horizontal scroll (the hash is shortened).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login } from '../helpers/app.ts';
import { chooseOption, pageErrors, screenshot, signIn, startWeb, type WebHarness } from './browser.ts';

let h: WebHarness;
beforeAll(async () => {
  h = await startWeb({ enterprises: 8 });
  const admin = await login(h.t.app, 'admin');
  const e = ((await admin.request('GET', '/api/v1/enterprises')).json() as { items: { id: string; version: number }[] }).items[0]!;
  expect((await admin.request('PATCH', `/api/v1/enterprises/${e.id}`, { contactName: '审计测试联系人', version: e.version })).statusCode).toBe(200);
});
afterAll(async () => { await h?.close(); });

describe('audit page', () => {
  it('filters by action and person, shows what changed field by field, and fits 1280 px', async () => {
    const page = await signIn(h, 'supervisor');
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.locator('[data-testid=side-menu]').getByText('审计日志').click();
    const rows = page.locator('[data-testid=audit-table] tbody tr.ant-table-row');
    await rows.first().waitFor();

    // Nothing hides behind a horizontal scroll: the table's content is no wider than its box.
    const overflow = await page.evaluate(`(() => {
      const box = document.querySelector('[data-testid=audit-table] .ant-table-content') ?? document.querySelector('[data-testid=audit-table] .ant-table-body');
      return box.scrollWidth - box.clientWidth;
    })()`);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await page.locator('[data-testid=audit-hash]').first().innerText()).toMatch(/^[0-9a-f]{8}/);

    await chooseOption(page, page.locator('[data-testid=audit-filter-action]'), '修改');
    await page.locator('[data-testid=audit-search]').click();
    // Polled from here: a string given to waitForFunction is eval'd in the page when it is not true at
    // once, which the app's CSP (no 'unsafe-eval') refuses — seen on a busy machine.
    await expect.poll(async () => {
      const texts = await rows.allInnerTexts();
      return texts.length > 0 && texts.every((t) => t.includes('修改'));
    }).toBe(true);
    expect(await rows.count()).toBe(1);
    expect(await rows.first().innerText()).toContain('企业档案');

    await rows.first().locator('.ant-table-row-expand-icon').click();
    const changes = page.locator('[data-testid=audit-changes]');
    await changes.waitFor();
    const changed = changes.locator('tr', { hasText: 'contactName' });
    expect(await changed.innerText()).toContain('审计测试联系人');
    expect(await page.locator('[data-testid=audit-raw]').count()).toBe(0);
    await page.locator('[data-testid=audit-raw-toggle]').click();
    expect(await page.locator('[data-testid=audit-raw]').innerText()).toContain('"contactName": "审计测试联系人"');
    await screenshot(page, 'audit-changes-1280');

    await page.locator('[data-testid=audit-filter-actor]').fill('nobody-at-all');
    await page.locator('[data-testid=audit-search]').click();
    await page.locator('[data-testid=audit-table] .ant-empty').waitFor();
    expect(await rows.count()).toBe(0);
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });
});
