// The officers' homes in Chromium (issue 9 item 4), on the demo data with the demo applications and
// funds (business date 2023-06-01): the city admin's (ranking, trend, targets against progress,
// warnings, pending work, money by region, the district map), a Yangzhou region officer's (own
// rank, progress, overdue items), a Suzhou officer's (附件2 does not score Suzhou: the figures that
// apply instead) and finance's (sign-offs waiting, payments due, fund use). Every figure checked
// here is read from the API as that account; links open the records; a failed load says so.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoApplications } from '../../src/db/seed/demo-applications.ts';
import { LocalFileStore } from '../../src/io/file-store.ts';
import { type Client, login } from '../helpers/app.ts';
import { pageErrors, pagesGivenBackAfterEach, SCREENSHOTS, screenshot, signIn, startWeb, type WebHarness } from './browser.ts';

let h: WebHarness;
beforeAll(async () => {
  h = await startWeb({ enterprises: 44 });
  await seedDemoApplications(h.t.database.db, new LocalFileStore(mkdtempSync(join(tmpdir(), 'zgsz-home-files-'))), '2023-06-01');
}, 120_000);
afterAll(async () => { await h?.close(); });

const track = pagesGivenBackAfterEach();

const CATEGORIES = ['retrofit', 'cloud', 'portrait', 'benchmark', 'coverage'] as const;
interface Cell { target: number; actual: number; rate: string }
interface Row { regionId: string; regionName: string; cells: Record<string, Cell>; behindCount?: number }
interface Trend { requestedYear: number; year: number; month: number; months: { month: number; rows: Row[]; cityTotal: Row }[] }
interface Ranking { ranking: { rank: number; regionId: string; regionName: string; total: number }[] }
interface Forecast { regionId: string; category: string; status: string }
interface Report { byRegion: { key: string; count: number; approvedFen: number; disbursedFen: number }[]; byStatus: { key: string; count: number }[] }
interface Fund { id: string; city: string; regionId: string | null; committedFen: number; disbursedFen: number }
interface App { approvedFen: number | null; advanceFen: number; disbursedFen: number; reclaimedFen: number; acceptance: string }

const get = async <T,>(c: Client, url: string): Promise<T> => {
  const res = await c.request('GET', url);
  expect(res.statusCode, url).toBe(200);
  return res.json() as T;
};
/** 1 万元 = 1,000,000 分; written out by hand (thousands separators, no trailing zeros). */
const wan = (fen: number) => {
  const whole = Math.trunc(fen / 1_000_000).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const frac = String(fen % 1_000_000).padStart(6, '0').replace(/0+$/, '');
  return `${whole}${frac ? `.${frac}` : ''} 万元`;
};
const thousands = (n: number) => n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
const text = (page: Page, testId: string) => page.locator(`[data-testid="${testId}"]`).innerText();
/** Coloured pixels on a chart's canvas (areas, bars, lines), not grey text. */
const painted = (testId: string) => `(() => {
  const c = document.querySelector('[data-testid=${testId}] canvas');
  if (!c) return 0;
  const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  let n = 0;
  for (let i = 0; i < d.length; i += 4) if (Math.max(d[i], d[i + 1], d[i + 2]) - Math.min(d[i], d[i + 1], d[i + 2]) > 40) n++;
  return n;
})()`;
const CJK = /[\u4e00-\u9fff]/;

/** In English, the home's figures and card titles carry no Chinese but the data's own names (regions, funds, measures). */
async function expectEnglish(page: Page, names: string[]) {
  await page.locator('[data-testid=lang-switch]').click();
  await page.locator('[data-testid=side-menu]').getByText('Dashboard', { exact: true }).waitFor();
  const strip = (x: string) => names.reduce((acc, n) => acc.split(n).join(''), x);
  expect(strip(await text(page, 'home-pending'))).not.toMatch(CJK);
  expect(strip(await text(page, 'home-title'))).not.toMatch(CJK);
  for (const head of await page.locator('[data-testid=dashboard] .ant-card-head-title').allInnerTexts()) expect(strip(head), head).not.toMatch(CJK);
  for (const th of await page.locator('[data-testid=dashboard] thead th').allInnerTexts()) expect(th).not.toMatch(CJK);
}

async function home(username: string): Promise<Page> {
  return track(await signIn(h, username, { viewport: { width: 1280, height: 900 } }));
}

/** The targets table shows the API's tracking row for the last month, category by category. */
async function expectTargets(page: Page, row: Row) {
  const table = page.locator('[data-testid=home-targets-table]');
  await table.waitFor();
  for (const c of CATEGORIES) {
    expect(await text(page, `target-${c}`)).toBe(thousands(row.cells[c]!.target));
    expect(await text(page, `actual-${c}`)).toBe(thousands(row.cells[c]!.actual));
    expect(await text(page, `rate-${c}`)).toBe(row.cells[c]!.rate);
  }
}

/** The page's width fits 1280 px: no horizontal scroll of the whole page. */
const fits = (page: Page) => page.evaluate('document.documentElement.scrollWidth <= window.innerWidth');

describe('市工信局 director\'s home', () => {
  it('shows 2022 while 2023 has no target table, with the ranking, targets, warnings, pending work and money as the API gives them', async () => {
    const api = await login(h.t.app, 'admin');
    const trend = await get<Trend>(api, '/api/v1/dashboard/assessment-trend');
    expect(trend).toMatchObject({ requestedYear: 2023, year: 2022, month: 12 });
    const scores = await get<Ranking>(api, '/api/v1/assessment/2022/scores?quarter=4');
    const tracking = await get<{ cityTotal: Row }>(api, '/api/v1/assessment/2022/tracking?month=12');
    const forecast = await get<Forecast[]>(api, '/api/v1/assessment/2022/forecast?month=12');
    const todo = await get<{ total: number }>(api, '/api/v1/applications?todo=true&pageSize=1');
    const inReview = await get<{ total: number }>(api, '/api/v1/applications?status=in_review&pageSize=1');
    const claims = await get<unknown[]>(api, '/api/v1/certification-claims');
    const report = await get<Report>(api, '/api/v1/reports/applications?year=2023');
    expect(report.byRegion.length).toBeGreaterThan(0);

    const page = await home('admin');
    expect(await text(page, 'home-title')).toBe('市工信局工作台');
    expect(await text(page, 'home-year-notice')).toContain('2023年目标表尚未导入,以下考核数据为2022年(全年)');
    await page.locator('[data-testid=kpi-todo]').getByText(String(todo.total)).waitFor();
    expect(await text(page, 'kpi-in-review')).toContain(String(inReview.total));
    expect(await text(page, 'kpi-claims')).toContain(String(claims.length));
    expect(await text(page, 'kpi-sign-off')).toContain('评分中');
    const warned = new Set(forecast.filter((f) => f.status === 'below-half').map((f) => f.regionId));
    await page.locator('[data-testid=kpi-lagging]').getByText(String(warned.size)).waitFor();

    // The ranking: each region's rank, name and score.
    const ranking = page.locator('[data-testid=home-ranking-table] tbody tr.ant-table-row');
    await ranking.first().waitFor();
    expect(await ranking.count()).toBe(scores.ranking.length);
    for (const [i, r] of scores.ranking.entries()) {
      const cells = await ranking.nth(i).locator('td').allInnerTexts();
      expect([cells[0], cells[1]]).toEqual([String(r.rank), r.regionName]);
      expect(await text(page, `rank-score-${r.regionId}`)).toBe(String(r.total));
    }
    await expectTargets(page, tracking.cityTotal);
    expect(trend.months[11]!.cityTotal).toEqual(tracking.cityTotal);
    // Warnings: every region with a category projected below half of its target, none other.
    for (const id of warned) await page.locator(`[data-testid=lagging-${id}]`).waitFor();
    expect(await page.locator('[data-testid^=lagging-link-]').count()).toBe(new Set(forecast.filter((f) => f.status !== 'on-track').map((f) => f.regionId)).size);
    for (const r of report.byRegion) {
      expect(await text(page, `region-count-${r.key}`)).toBe(String(r.count));
      expect(await text(page, `region-approved-${r.key}`)).toBe(wan(r.approvedFen));
      expect(await text(page, `region-disbursed-${r.key}`)).toBe(wan(r.disbursedFen));
    }
    for (const chart of ['chart-trend', 'chart-map', 'chart-funds-region']) {
      await page.locator(`[data-testid=${chart}] canvas`).waitFor();
      await page.waitForFunction(`${painted(chart)} > 1500`, undefined, { timeout: 20_000 });
    }
    expect(await text(page, 'home-map-note')).toContain('没有独立轮廓');
    // The enterprise-file overview stays below (the figures other tests check).
    await page.locator('[data-testid=chart-regions] canvas').waitFor();
    expect(await fits(page)).toBe(true);
    await screenshot(page, 'home-admin-1280');
    for (const card of ['home-targets', 'home-lagging', 'home-map', 'home-trend']) await page.locator(`[data-testid=${card}]`).screenshot({ path: `${SCREENSHOTS}e2e-${card}-admin.png` });
    await page.screenshot({ path: `${SCREENSHOTS}e2e-home-admin-1280-top.png` });

    // The map by another indicator: applications per region.
    await page.locator('[data-testid=home-map-indicator]').click();
    await page.locator('.ant-select-item-option', { hasText: '2023年申请数' }).click();
    await page.waitForFunction(`${painted('chart-map')} > 1500`, undefined, { timeout: 20_000 });
    expect(await page.locator('[data-testid=home-map] [role=alert]').count()).toBe(0);

    // Links open the records.
    await page.locator('[data-testid=kpi-link-todo]').click();
    await page.waitForURL('**/applications/todo');
    await page.goBack();
    const first = scores.ranking[0]!;
    await page.locator(`[data-testid=rank-link-${first.regionId}]`).click();
    await page.waitForURL(`**/assessment?year=2022&regionId=${first.regionId}`);
    await page.locator('[data-testid=assessment-page]').waitFor();
    await page.goBack();
    await page.locator('[data-testid=home-targets-more]').click();
    await page.waitForURL('**/assessment/tracking?year=2022');
    await page.goBack();
    const lagging = [...warned][0];
    if (lagging) {
      await page.locator(`[data-testid=lagging-link-${lagging}]`).click();
      await page.waitForURL(`**/assessment/forecast?year=2022&regionId=${lagging}`);
      await page.goBack();
    }
    await page.locator('[data-testid=home-import-targets]').click();
    await page.waitForURL('**/assessment/targets?year=2023');
    expect(pageErrors(page)).toEqual([]);
  });

  it('reads in English: the home\'s own labels carry no Chinese (region names and the policy\'s document number aside)', { timeout: 60_000 }, async () => {
    const page = await home('admin');
    await page.locator('[data-testid=home-ranking-table]').waitFor();
    await page.locator('[data-testid=lang-switch]').click();
    await page.getByText('Bureau of Industry and IT — workbench').waitFor({ timeout: 20_000 });
    const pending = await text(page, 'home-pending');
    expect(pending).not.toMatch(CJK);
    const heads = await page.locator('[data-testid=dashboard] .ant-card-head-title').allInnerTexts();
    for (const head of heads) expect(head, head).not.toMatch(CJK);
    const columns = await page.locator('[data-testid=home-targets-table] thead th').allInnerTexts();
    expect(columns.join(' ')).not.toMatch(CJK);
    const categories = await page.locator('[data-testid=home-targets-table] tbody td:first-child').allInnerTexts();
    expect(categories).toEqual(['Smart retrofits', 'Cloud & data use', 'Digital portraits', 'Digital benchmarks', 'Coverage (above size)']);
    expect(await text(page, 'home-year-notice')).not.toMatch(CJK);
    expect(await text(page, 'home-map-note')).not.toMatch(CJK);
    await page.waitForFunction(`${painted('chart-trend')} > 1500`, undefined, { timeout: 20_000 });
    expect(await fits(page)).toBe(true);
    await screenshot(page, 'home-admin-1280-en');
    await page.locator('[data-testid=lang-switch]').click();
    expect(pageErrors(page)).toEqual([]);
  });

  it('says the assessment failed to load (not zeros) when the API answers 500, and marks a failed count "—"', { timeout: 60_000 }, async () => {
    const page = await home('admin');
    await page.route('**/api/v1/dashboard/assessment-trend*', (route) => route.fulfill({ status: 500, json: { code: 'INTERNAL', message: '服务器内部错误' } }));
    await page.route('**/api/v1/applications?*todo=true*', (route) => route.fulfill({ status: 500, json: { code: 'INTERNAL', message: '服务器内部错误' } }));
    await page.reload();
    // The app retries a 5xx twice (with back-off) before it reports the failure.
    const failure = page.locator('[data-testid=home-assessment-error] [role=alert]');
    await failure.waitFor({ timeout: 30_000 });
    expect(await failure.innerText()).toContain('考核数据加载失败');
    expect(await failure.innerText()).toContain('服务器内部错误');
    await page.locator('[data-testid=kpi-todo-error]').waitFor({ timeout: 30_000 });
    expect(await text(page, 'kpi-todo')).toContain('—');
    expect(await text(page, 'kpi-todo')).not.toMatch(/\b0\b/);
    expect(await text(page, 'kpi-lagging')).toContain('—');
    expect(await page.locator('[data-testid=home-ranking-table]').count()).toBe(0);
    await screenshot(page, 'home-admin-error');
  });
});

describe('a region officer\'s home', () => {
  it('宝应县: its own rank, progress against its targets, overdue reports and applications waiting on it, as the API gives them', async () => {
    const api = await login(h.t.app, 'baoying');
    const scores = await get<Ranking>(api, '/api/v1/assessment/2022/scores?quarter=4');
    const own = scores.ranking.find((r) => r.regionId === 'yz-baoying')!;
    const tracking = await get<{ rows: Row[] }>(api, '/api/v1/assessment/2022/tracking?month=12');
    expect(tracking.rows.map((r) => r.regionId)).toEqual(['yz-baoying']);
    const overdue = await get<{ available: boolean; count: number }>(api, '/api/v1/plan/overdue');
    const todo = await get<{ total: number; items: { id: string }[] }>(api, '/api/v1/applications?todo=true&pageSize=5');
    const funds = await get<Fund[]>(api, '/api/v1/funds?year=2023');

    // The officer's ranking holds its own row; the field is the city's (all eight 评分对象 of 附件2).
    expect(scores.ranking).toHaveLength(1);
    const field = (await get<Ranking>(await login(h.t.app, 'admin'), '/api/v1/assessment/2022/scores?quarter=4')).ranking;
    expect(field.find((r) => r.regionId === 'yz-baoying')!.rank).toBe(own.rank);

    const page = await home('baoying');
    expect(await text(page, 'home-title')).toBe('宝应县工作台');
    await page.locator('[data-testid=kpi-rank]').getByText(`${own.rank} / ${field.length}`).waitFor();
    expect(await text(page, 'kpi-behind')).toContain(String(tracking.rows[0]!.behindCount));
    expect(overdue.available).toBe(true);
    expect(await text(page, 'kpi-overdue')).toContain(String(overdue.count));
    expect(await text(page, 'kpi-todo')).toContain(String(todo.total));
    for (const a of todo.items) await page.locator(`[data-testid=home-todo-${a.id}]`).waitFor();
    await expectTargets(page, tracking.rows[0]!);
    for (const f of funds.filter((x) => x.city === 'yangzhou')) expect(await text(page, `fund-committed-${f.id}`)).toBe(wan(f.committedFen));
    // The enterprise-file overview below keeps the file's own 规上 figure.
    expect(await text(page, 'kpi-above-label')).toBe('档案中的规上企业');
    await page.waitForFunction(`${painted('chart-trend')} > 1500`, undefined, { timeout: 20_000 });
    expect(await fits(page)).toBe(true);
    await screenshot(page, 'home-baoying-1280');
    await page.screenshot({ path: `${SCREENSHOTS}e2e-home-baoying-1280-top.png` });

    await expectEnglish(page, ['宝应县']);
    await screenshot(page, 'home-baoying-1280-en');
    await page.locator('[data-testid=lang-switch]').click();
    await page.locator('[data-testid=kpi-link-overdue]').click();
    await page.waitForURL('**/plan/mine');
    await page.locator('[data-testid=plan-mine]').first().waitFor();
    await page.goBack();
    await page.locator('[data-testid=kpi-link-rank]').click();
    await page.waitForURL('**/assessment?year=2022&regionId=yz-baoying');
    expect(pageErrors(page)).toEqual([]);
  });

  it('昆山市: told Suzhou is not scored under 扬州 附件2, and shown its applications, funds and claims instead of an empty ranking', async () => {
    const api = await login(h.t.app, 'kunshan');
    expect((await api.request('GET', '/api/v1/dashboard/assessment-trend')).statusCode).toBe(403);
    const report = await get<Report>(api, '/api/v1/reports/applications?year=2023');
    const funds = await get<Fund[]>(api, '/api/v1/funds?year=2023');
    const todo = await get<{ total: number }>(api, '/api/v1/applications?todo=true&pageSize=1');
    expect(funds.some((f) => f.regionId === 'sz-kunshan')).toBe(true);

    const page = await home('kunshan');
    expect(await text(page, 'home-not-assessed')).toContain('昆山市不在扬州市县区考核(附件2)范围内');
    await page.locator('[data-testid=kpi-todo]').getByText(String(todo.total)).waitFor();
    expect(await page.locator('[data-testid=home-ranking]').count()).toBe(0);
    expect(await page.locator('[data-testid=kpi-rank]').count()).toBe(0);
    expect(await page.locator('[data-testid=home-assessment-error]').count()).toBe(0);
    for (const s of report.byStatus) expect(await text(page, `home-status-count-${s.key}`)).toBe(String(s.count));
    expect(await text(page, 'kpi-approved')).toContain(wan(report.byRegion.reduce((a, r) => a + r.approvedFen, 0)));
    expect(await text(page, 'kpi-disbursed')).toContain(wan(report.byRegion.reduce((a, r) => a + r.disbursedFen, 0)));
    // Its city's funds (the list also holds Yangzhou's municipal fund, which is none of Kunshan's business).
    for (const f of funds.filter((x) => x.city === 'suzhou')) {
      expect(await text(page, `fund-committed-${f.id}`)).toBe(wan(f.committedFen));
      expect(await text(page, `fund-disbursed-${f.id}`)).toBe(wan(f.disbursedFen));
    }
    expect(await page.locator('[data-testid=home-funds-table]').innerText()).not.toContain('扬州市');
    expect(await fits(page)).toBe(true);
    await screenshot(page, 'home-kunshan-1280');
    await expectEnglish(page, ['昆山市']);
    expect(await text(page, 'home-not-assessed')).toContain('is not scored in Yangzhou\'s district assessment');
    await screenshot(page, 'home-kunshan-1280-en');
    await page.locator('[data-testid=lang-switch]').click();
    expect(pageErrors(page)).toEqual([]);
  });
});

describe('finance\'s home', () => {
  it('shows the assessment year submitted for 审定, the payments due and the year\'s fund use, as the API gives them', async () => {
    const admin = await login(h.t.app, 'admin');
    expect((await admin.request('POST', '/api/v1/assessment/2022/sign-off/submit')).statusCode).toBe(200);
    const api = await login(h.t.app, 'finance');
    const signOff = await get<{ status: string }>(api, '/api/v1/assessment/2022/sign-off');
    expect(signOff.status).toBe('submitted');
    const approved = await get<{ items: App[] }>(api, '/api/v1/applications?status=approved&year=2023&pageSize=100');
    // 事后奖补: the whole approved sum once 验收 passed, else the approved advance; what is paid net of reclaims is owed no more.
    const owed = approved.items.map((a) => {
      const paid = a.disbursedFen - a.reclaimedFen;
      if (a.approvedFen === null || a.acceptance === 'failed') return 0;
      return Math.max(0, (a.acceptance === 'passed' ? a.approvedFen : a.advanceFen) - paid);
    }).filter((x) => x > 0);
    const funds = await get<Fund[]>(api, '/api/v1/funds?year=2023');
    const report = await get<Report>(api, '/api/v1/reports/applications?year=2023');

    const page = await home('finance');
    expect(await text(page, 'home-title')).toBe('财政局/考核办工作台');
    await page.locator('[data-testid=kpi-sign-offs]').getByText('1').waitFor();
    expect(await text(page, 'home-sign-off-2022')).toContain('待审定');
    expect(await text(page, 'home-sign-off-2023')).toContain('评分中');
    expect(await text(page, 'kpi-payable')).toContain(String(owed.length));
    expect(await text(page, 'kpi-payable-amount')).toContain(wan(owed.reduce((s, x) => s + x, 0)));
    for (const f of funds) expect(await text(page, `fund-disbursed-${f.id}`)).toBe(wan(f.disbursedFen));
    for (const r of report.byRegion) expect(await text(page, `region-approved-${r.key}`)).toBe(wan(r.approvedFen));
    expect(await fits(page)).toBe(true);
    await screenshot(page, 'home-finance-1280');
    await expectEnglish(page, []);
    await screenshot(page, 'home-finance-1280-en');
    await page.locator('[data-testid=lang-switch]').click();

    await page.locator('[data-testid=kpi-link-sign-offs]').click();
    await page.waitForURL('**/assessment?year=2022');
    await page.locator('[data-testid=assessment-page]').waitFor();
    await page.goBack();
    await page.locator('[data-testid=kpi-link-payable]').click();
    await page.waitForURL('**/disbursements');
    expect(pageErrors(page)).toEqual([]);
  });
});
