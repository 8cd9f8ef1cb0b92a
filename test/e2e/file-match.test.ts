// 免申即享 over the enterprise file in Chromium, as 宝应's officer: yearly facts recorded for two of
// 宝应's enterprises (one through the enterprise page's card, one through the API), the match run for
// 扬州's policy from the 档案匹配 page, its progress then its result compared with the API's own
// answer for the run, the facts the file lacks per measure, the run in "my runs", the Excel export.
// Screenshots: test-results/e2e-file-match-*.png.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatMoneyRange } from '../../web/src/lib/format.ts';
import ExcelJS from '../../src/lib/exceljs.ts';
import { login } from '../helpers/app.ts';
import { DEMO_PASSWORD } from '../../src/db/seed/seed.ts';
import { chooseOption, openPage, pageErrors, pagesGivenBackAfterEach, screenshot, signIn, startWeb, type WebHarness } from './browser.ts';

interface Range { min: number; max: number | null }
interface Job {
  id: string; status: string; progress: { done: number; total: number };
  result: { enterprises: number; entitled: number; total: Range; measures: ({ id: string; title: string; eligible: number; missing: number } & Range)[] };
}

let h: WebHarness;
beforeAll(async () => { h = await startWeb(); });
afterAll(async () => { await h?.close(); });
const track = pagesGivenBackAfterEach();

describe('档案匹配 page in Chromium', () => {
  it('baoying records a yearly fact, runs the match for 扬州, sees progress then the API’s result, and exports it', async () => {
    const api = await login(h.t.app, 'baoying');
    const list = (await api.request('GET', '/api/v1/enterprises?regionId=yz-baoying&pageSize=5')).json() as { items: { id: string }[] };
    const [first, second] = list.items.map((e) => e.id) as [string, string];
    // 附件1 二(二): a 省级 platform with 1,000万元 a year → 13% = 130万元 (recorded through the API).
    for (const [fact, value, evidence] of [['platform_level', 'provincial', '苏工信融合〔2023〕101号'], ['platform_annual_investment', '1000万元', '2023年平台投入审计报告']] as const) {
      const res = await api.request('PUT', `/api/v1/enterprises/${second}/facts`, { year: 2023, fact, value, evidence });
      expect(res.statusCode, res.body).toBe(200);
    }

    // 附件1 二(一): a 2,500万元 project, recorded on the enterprise page's card.
    const page = track(await signIn(h, 'baoying', { at: `/enterprises/${first}` }));
    await page.locator('[data-testid=enterprise-facts]').waitFor();
    await page.locator('[data-testid=ef-add]').click();
    await page.locator('input[data-testid=ef-year], [data-testid=ef-year] input').first().fill('2023');
    // The dictionary is long: type to narrow the list as an officer would.
    await page.locator('[data-testid=ef-fact]').click();
    await page.keyboard.type('智能化改造');
    await chooseOption(page, page.locator('[data-testid=ef-fact]'), '智能化改造项目');
    await page.locator('[data-testid=ef-value-annual_investment]').fill('2500万元');
    await page.locator('[data-testid=ef-evidence]').fill('扬工信技备〔2023〕12号');
    await page.locator('[data-testid=ef-save]').click();
    await page.locator('[data-testid=enterprise-facts]').getByText('扬工信技备〔2023〕12号').waitFor();
    expect(await page.locator('[data-testid=enterprise-facts]').innerText()).toContain('2,500万元');
    await screenshot(page, 'file-match-facts-card');

    await page.locator('[data-testid=side-menu]').getByText('档案匹配').click();
    await page.locator('[data-testid=file-match-page]').waitFor();
    expect(await page.locator('[data-testid=fm-policy]').innerText()).toContain('扬州');
    expect(await page.locator('[data-testid=fm-region]').innerText()).toContain('宝应县');
    // The evaluation date is the business date, on a calendar picker in the Chinese convention.
    expect(await page.locator('[data-testid=fm-date]').inputValue()).toBe('2023-06-01');
    await page.locator('[data-testid=fm-run]').click();
    await page.locator('[data-testid=fm-job]').waitFor();
    // Progress while it runs (queued/running) or at once the result; both carry the status tag.
    const status = await page.locator('[data-testid=fm-job-status]').innerText();
    expect(['排队中', '匹配中', '已完成']).toContain(status);
    await page.locator('[data-testid=fm-result]').waitFor();
    expect(await page.locator('[data-testid=fm-job-status]').innerText()).toBe('已完成');

    const jobId = new URL(page.url()).searchParams.get('job')!;
    const job = (await api.request('GET', `/api/v1/file-matches/${jobId}`)).json() as Job;
    expect(job.status).toBe('done');
    expect(job.progress.done).toBe(job.progress.total);
    expect(job.result.enterprises).toBe(job.progress.total);
    const retrofit = job.result.measures.find((m) => m.id === 'smart-retrofit')!;
    const platform = job.result.measures.find((m) => m.id === 'industrial-internet-platform')!;
    expect(retrofit).toMatchObject({ eligible: 1, max: 325_0000_00 });
    expect(platform).toMatchObject({ eligible: 1, max: 130_0000_00 });
    expect(retrofit.missing).toBe(job.result.enterprises - 1);

    expect(await page.locator('[data-testid=fm-enterprises]').innerText()).toContain(String(job.result.enterprises));
    expect(await page.locator('[data-testid=fm-total]').innerText()).toContain(formatMoneyRange(job.result.total));
    const measures = await page.locator('[data-testid=fm-measures]').innerText();
    expect(measures).toContain(`需要 项目:年智能制造设备、软件和技术服务投资额(${retrofit.missing} 家)`);
    // 2,500万元 × 13% (附件1 二(一) 不高于13%): the enterprise's amount as the text words it.
    expect(await page.locator('[data-testid=fm-matches]').innerText()).toContain('最高可获 325万元');
    expect(await page.locator('[data-testid=fm-recent]').innerText()).toContain('已完成');
    await screenshot(page, 'file-match-result');

    const downloading = page.waitForEvent('download');
    await page.locator('[data-testid=fm-export]').click();
    const file = await downloading;
    expect(file.suggestedFilename()).toBe('免申即享匹配-yangzhou-2022-20-2023-06-01.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile((await file.path())!);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总', '名单', '缺少事实']);

    // Leaving and coming back: the run is found under 我的匹配记录.
    await page.goto(`${h.base}/policies/file-match`);
    await page.locator(`[data-testid=fm-open-${jobId}]`).click();
    await page.locator('[data-testid=fm-result]').waitFor();
    expect(pageErrors(page)).toEqual([]);
  });

  it('an enterprise reads its own yearly facts on its page but cannot record them', async () => {
    const officer = await login(h.t.app, 'admin');
    const me = (await (await login(h.t.app, 'qiye')).request('GET', '/api/v1/auth/me')).json() as { user?: { enterpriseId: string }; enterpriseId?: string };
    const own = me.user?.enterpriseId ?? me.enterpriseId!;
    const put = await officer.request('PUT', `/api/v1/enterprises/${own}/facts`, { year: 2023, fact: 'flexible_talents', value: 2, evidence: '柔性引才协议 2023-07' });
    expect(put.statusCode, put.body).toBe(200);
    // Signed in by hand: the enterprise's home page is its own, not the dashboard signIn waits for.
    const page = track(await openPage(h));
    await page.locator('#login-username').fill('qiye');
    await page.locator('#login-password').fill(DEMO_PASSWORD);
    await page.locator('[data-testid=login-submit]').click();
    await page.locator('[data-testid=side-menu]').waitFor();
    await page.goto(`${h.base}/enterprises/${own}`);
    await page.locator('[data-testid=enterprise-facts]').getByText('柔性引才协议 2023-07').waitFor();
    expect(await page.locator('[data-testid=ef-add]').count()).toBe(0);
    await screenshot(page, 'file-match-facts-enterprise');
    expect(pageErrors(page)).toEqual([]);
  });

  it('in English the page has no Chinese labels of its own', async () => {
    const page = track(await signIn(h, 'admin'));
    await page.locator('[data-testid=lang-switch]').click();
    await page.goto(`${h.base}/policies/file-match`);
    await page.locator('[data-testid=file-match-page]').waitFor();
    expect(await page.locator('.zgsz-page-head').innerText()).toMatch(/match the enterprise file/i);
    // The page's own labels (not the policy titles, which are data): no CJK characters.
    const labels = [
      await page.locator('.zgsz-page-head').innerText(),
      ...(await page.locator('[data-testid=file-match-page] .zgsz-label').allInnerTexts()),
      ...(await page.locator('[data-testid=fm-recent] th').allInnerTexts()),
      await page.locator('[data-testid=fm-run]').innerText(),
    ];
    expect(labels.filter((l) => /[\u3400-\u9fff]/.test(l))).toEqual([]);
    await screenshot(page, 'file-match-en');
    expect(pageErrors(page)).toEqual([]);
  });
});
