// The 批量测算 (免申即享) page in a real browser against the real server: upload a generated CSV,
// compare the totals shown with what the API returns for the same file, then a what-if override
// and its delta; both runs are jobs, listed in 测算记录 and opened again from there.
// Screenshots to test-results/e2e-policy-batch*.png.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatMoney, formatMoneyRange } from '../../web/src/lib/format.ts';
import { login } from '../helpers/app.ts';
import { pageErrors, screenshot, signIn, startWeb, type WebHarness, pagesGivenBackAfterEach } from './browser.ts';

// The parts of the API's answers the test compares (web/src/api/policy-batch.ts has the full
// shapes, but it pulls in the browser-only client, which the Node typecheck cannot see).
interface Range { min: number; max: number | null }
interface BatchReport {
  enterprises: number; entitled: number; total: Range; byPayer: { city: Range };
  measures: ({ id: string; eligible: number } & Range)[]; byRegion: ({ region: string } & Range)[];
}
interface WhatIfReport {
  measures: { id: string; max: { delta: number | null } }[];
  total: { min: { scenario: number }; max: { scenario: number | null; delta: number | null } };
}

let h: WebHarness;
beforeAll(async () => { h = await startWeb(); });
afterAll(async () => { await h?.close(); });

const track = pagesGivenBackAfterEach();

const POLICY = 'yangzhou-2022-20';
const DATE = '2023-06-01';
const OVERRIDE = 'smart_retrofit.cap=800万元';
// E001 is clearly eligible for 附件1 二(一) (2,500万元 ≥ 2,000万元); E002 is not (1,800万元); E003's
// 8,000万元 reaches the 600万元 cap, so raising the cap changes its amount.
const CSV = [
  'id,name,region,applicant_type,independent_legal_person,projects.annual_investment',
  'E001,扬州智造机械有限公司,宝应县,enterprise,是,2500万元',
  'E002,高邮小型加工有限公司,高邮市,enterprise,是,1800万元',
  'E003,江都重型装备有限公司,江都区,enterprise,是,8000万元',
].join('\n') + '\n';

describe('批量测算 page in Chromium', () => {
  it('uploads a list, shows the API\'s totals, and the what-if delta of an override', async () => {
    const api = await login(h.t.app, 'admin');
    const upload = async <T>(path: string) => {
      const res = await api.request('POST', `/api/v1/policies/${POLICY}/${path}`, Buffer.from(CSV, 'utf8'), { 'content-type': 'text/csv' });
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as T;
    };
    const expected = await upload<BatchReport>(`batch/upload?date=${DATE}`);
    expect(expected.enterprises).toBe(3);
    expect(expected.measures.find((m) => m.id === 'smart-retrofit')?.eligible).toBe(2);

    const page = track(await signIn(h, 'admin'));
    await page.locator('[data-testid=side-menu]').getByText('批量测算').click();
    await page.locator('[data-testid=batch-page]').waitFor();
    expect(await page.locator('[data-testid=batch-policy]').innerText()).toContain('扬州');
    expect(await page.locator('[data-testid=batch-window]').innerText()).toContain('2022-02-24 至 2025-02-23');
    await page.locator('[data-testid=batch-date]').fill(DATE);
    // The date picker takes a typed date when it is confirmed (without Enter the run kept the default date).
    await page.locator('[data-testid=batch-date]').press('Enter');
    await page.locator('[data-testid=batch-page] input[type=file]').setInputFiles({ name: 'population.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV, 'utf8') });
    await page.locator('[data-testid=batch-file-name]').getByText('population.csv').waitFor();
    await page.locator('[data-testid=batch-run]').click();

    await page.locator('[data-testid=batch-result]').waitFor();
    expect(await page.locator('[data-testid=batch-result]').innerText()).toContain(`扬州市 · ${DATE}`);
    expect(await page.locator('[data-testid=batch-enterprises]').innerText()).toContain(String(expected.enterprises));
    expect(await page.locator('[data-testid=batch-entitled]').innerText()).toContain(String(expected.entitled));
    expect(await page.locator('[data-testid=batch-total]').innerText()).toContain(formatMoneyRange(expected.total));
    expect(await page.locator('[data-testid=batch-payers]').innerText()).toContain(formatMoneyRange(expected.byPayer.city));
    const retrofit = page.locator('[data-testid=batch-measures] tr.ant-table-row', { hasText: '智能化改造项目补助' });
    const m = expected.measures.find((x) => x.id === 'smart-retrofit')!;
    expect(await retrofit.innerText()).toContain(formatMoneyRange({ min: m.min, max: m.max }));
    for (const r of expected.byRegion) {
      const row = page.locator('[data-testid=batch-regions] tr.ant-table-row', { hasText: r.region });
      expect(await row.innerText()).toContain(formatMoneyRange({ min: r.min, max: r.max }));
    }
    await page.locator('[data-testid=chart-batch] canvas').waitFor();

    // The override raises the cap E003 reaches: assert the change only because it is not zero.
    const whatIf = await upload<WhatIfReport>(`what-if/upload?date=${DATE}&override=${encodeURIComponent(OVERRIDE)}`);
    expect(whatIf.total.max.delta).not.toBe(0);
    await page.locator('[data-testid=batch-overrides]').fill(OVERRIDE);
    await page.locator('[data-testid=batch-run]').click();
    const delta = page.locator('[data-testid=batch-whatif-delta]');
    await delta.waitFor();
    expect(await delta.innerText()).toContain(`+${formatMoney(whatIf.total.max.delta!)}`);
    expect(await page.locator('[data-testid=batch-whatif-scenario]').innerText())
      .toContain(formatMoneyRange({ min: whatIf.total.min.scenario, max: whatIf.total.max.scenario }));
    const retrofitDelta = whatIf.measures.find((x) => x.id === 'smart-retrofit')!.max.delta!;
    expect(await page.locator('[data-testid=batch-whatif-measures] tr.ant-table-row', { hasText: '智能化改造项目补助' }).innerText())
      .toContain(`+${formatMoney(retrofitDelta)}`);
    // The report itself stays on the text's parameters; the what-if card carries the change.
    expect(await page.locator('[data-testid=batch-total]').innerText()).toContain(formatMoneyRange(expected.total));
    await page.waitForTimeout(800); // the bar chart's entry animation, for the screenshot
    await screenshot(page, 'policy-batch');

    // Each run was a job: 测算记录 lists both, newest first, and opens the earlier one's result again.
    await page.locator('[data-testid=batch-history]').click();
    const runs = page.locator('[data-testid=batch-jobs] tbody tr.ant-table-row');
    await expect.poll(() => runs.count()).toBe(2);
    expect(await runs.nth(0).innerText()).toContain('1 项参数覆盖');
    expect(await runs.nth(1).innerText()).toContain(`扬州市 · ${DATE}`);
    expect(await runs.nth(1).innerText()).toContain('population.csv');
    expect(await runs.nth(1).innerText()).toContain(`${expected.entitled} / ${expected.enterprises}`);
    await screenshot(page, 'policy-batch-history');
    await runs.nth(1).locator('[data-testid=batch-open]').click();
    await page.locator('[data-testid=batch-result]').waitFor();
    await expect.poll(() => page.locator('[data-testid=batch-whatif]').count()).toBe(0);
    expect(await page.locator('[data-testid=batch-total]').innerText()).toContain(formatMoneyRange(expected.total));
    expect(pageErrors(page)).toEqual([]);

    // An enterprise account may not run batches: no menu entry.
    const qiye = track(await signIn(h, 'qiye'));
    expect(await qiye.locator('[data-testid=side-menu]').innerText()).not.toContain('批量测算');
  });
});
