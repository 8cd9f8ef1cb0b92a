// The ten actions' monthly report in a real browser: 市委网信办 (`dept-wxb`) lands on its own
// workbench, opens the report form for 5G基站 and reports 8400 for May 2023; the API then holds
// that figure as revision 1, and the city (`admin`) finds it on the 月度跟踪调度表 with its 报送单位.
// A running total lower than an earlier month without a note is refused by the API: the form shows
// the API's Chinese message on the note field and nothing is written. Screenshots go to
// test-results/e2e-plan-*.png.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { type Client, login } from '../helpers/app.ts';
import { chooseOption, pageErrors, screenshot, SCREENSHOTS, signIn, startWeb, type WebHarness, pagesGivenBackAfterEach } from './browser.ts';

let h: WebHarness;
let admin: Client, wxb: Client;
beforeAll(async () => {
  h = await startWeb({ enterprises: 24, businessDate: '2023-06-01' });
  [admin, wxb] = await Promise.all([login(h.t.app, 'admin'), login(h.t.app, 'dept-wxb')]);
});
afterAll(async () => { await h?.close(); });

const track = pagesGivenBackAfterEach();

interface History {
  series: { year: number; month: number; value: number; revision: number }[];
  revisions: { year: number; month: number; revision: number; value: number; note: string | null; reportedByName: string; departmentName: string | null }[];
}
const history = async (id: string) => {
  const res = await admin.request('GET', `/api/v1/plan/indicators/${id}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as History;
};

/** Opens the report form from a row's button and picks the period (never trusting a default). */
async function openForm(page: Page, indicatorId: string, year: number, month: number) {
  await page.locator(`[data-testid=plan-report-open-${indicatorId}]`).click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  await chooseOption(page, dialog.locator('[data-testid=plan-report-year]'), `${year}年`);
  await chooseOption(page, dialog.locator('[data-testid=plan-report-month]'), `${month}月`);
  // The dropdown's closing animation ends late on a busy machine (expect.poll's default is one second).
  await expect.poll(() => page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').count(), { timeout: 15_000 }).toBe(0);
  return dialog;
}

/** What the reader sees (a full-page shot of a page with a sticky table header and a drawer is unreadable). */
const viewShot = (page: Page, name: string) => page.screenshot({ path: `${SCREENSHOTS}e2e-${name}.png` });

describe('十大行动: a department reports its monthly figure in the browser', () => {
  it('市委网信办 lands on its workbench, reports 8400 5G基站 for May 2023, and the API holds it as revision 1', async () => {
    expect((await history('base-stations')).revisions).toEqual([]);
    const page = track(await signIn(h, 'dept-wxb'));
    // A department's home is its own indicators, not the enterprise dashboard.
    const home = page.locator('[data-testid=dashboard]');
    // The table fills once the business date (health) and the month's figures have loaded.
    await home.locator('[data-testid=home-mine]').getByText('大数据中心标准机架').waitFor();
    expect(await home.innerText()).toContain('市委网信办工作台');

    const dialog = await openForm(page, 'base-stations', 2023, 5);
    expect(await dialog.innerText()).toContain('5G基站');
    await dialog.locator('input[data-testid=plan-report-value]').fill('8400');
    await viewShot(page, 'plan-1-report-form');
    await dialog.locator('[data-testid=plan-report-submit]').click();
    await dialog.waitFor({ state: 'detached' });

    const h1 = await history('base-stations');
    expect(h1.series).toEqual([{ year: 2023, month: 5, value: 8400, display: '8400', revision: 1 }]);
    expect(h1.revisions).toHaveLength(1);
    expect(h1.revisions[0]).toMatchObject({ year: 2023, month: 5, revision: 1, value: 8400, note: null, reportedByName: '市委网信办信息化科', departmentName: '市委网信办' });
    // The workbench shows the figure now on file.
    await expect.poll(() => home.locator('[data-testid=mine-value-base-stations]').innerText()).toContain('8400');
    await screenshot(page, 'plan-2-workbench');
    expect(pageErrors(page)).toEqual([]);
  });

  it('the city finds the figure on the dispatch table for 2023-05 with its 报送单位 市委网信办', async () => {
    const page = track(await signIn(h, 'admin', { at: '/plan/dispatch?year=2023&month=5' }));
    const row = page.locator('[data-testid=dispatch-row-base-stations]');
    await row.waitFor();
    await expect.poll(() => row.locator('[data-testid=dispatch-value-base-stations]').innerText()).toContain('8400');
    const text = await row.innerText();
    expect(text).toContain('5G基站');
    expect(text).toContain('市委网信办');
    // The light and the report state are the API's.
    const api = (await admin.request('GET', '/api/v1/plan/dispatch?year=2023&month=5')).json() as { actions: { rows: { indicatorId: string; light: string; report: { state: string } }[] }[] };
    const apiRow = api.actions.flatMap((a) => a.rows).find((r) => r.indicatorId === 'base-stations')!;
    expect(await row.locator('[data-testid=plan-light-base-stations]').getAttribute('data-light')).toBe(apiRow.light);
    expect(await row.locator('[data-state]').getAttribute('data-state')).toBe(apiRow.report.state);
    expect(apiRow.report.state).toBe('on-time');
    expect(await page.locator('[data-testid=plan-dispatch-period]').innerText()).toContain('2023年5月');
    await screenshot(page, 'plan-3-dispatch');

    // The row opens the indicator's history: who reported what, when.
    await row.click();
    const revisions = page.locator('[data-testid=plan-revisions]');
    await revisions.getByText('市委网信办信息化科').waitFor();
    expect(await revisions.innerText()).toContain('8400');
    await page.locator('[data-testid=plan-trend] canvas').waitFor();
    await viewShot(page, 'plan-4-indicator');
    expect(pageErrors(page)).toEqual([]);
  });

  it('a running total below an earlier month without a note shows the API’s message on the note field, and nothing is written', async () => {
    const seeded = await wxb.request('POST', '/api/v1/plan/reports', { indicatorId: 'data-centre-racks', year: 2023, month: 4, value: 8500 });
    expect(seeded.statusCode, seeded.body).toBe(201);
    const before = await history('data-centre-racks');
    expect(before.revisions.map((r) => [r.month, r.value])).toEqual([[4, 8500]]);

    const page = track(await signIn(h, 'dept-wxb', { at: '/plan/dispatch?year=2023&month=5' }));
    await page.locator('[data-testid=dispatch-row-data-centre-racks]').waitFor();
    const dialog = await openForm(page, 'data-centre-racks', 2023, 5);
    // The form shows the month before as a hint.
    await dialog.getByText('8500').first().waitFor();
    await dialog.locator('input[data-testid=plan-report-value]').fill('8400');
    await dialog.locator('[data-testid=plan-report-submit]').click();
    const noteError = dialog.locator('.ant-form-item:has([data-testid=plan-report-note]) .ant-form-item-explain-error');
    await noteError.waitFor();
    const message = await noteError.innerText();
    expect(message).toContain('累计数不得低于2023年4月已报的 8500');
    expect(message).toContain('请在说明中写明原因');
    await viewShot(page, 'plan-5-refused');
    // Still open, and nothing new on file.
    expect(await dialog.isVisible()).toBe(true);
    const after = await history('data-centre-racks');
    expect(after.revisions).toEqual(before.revisions);
    expect(after.series.some((s) => s.month === 5)).toBe(false);
    expect(pageErrors(page)).toEqual([]);
  });
});
