// The 附件2 assessment run from the browser: the city imports a new year's target table (built here
// with ExcelJS in the layout of the 2022 export) after the empty state told it to; a 宝应 officer
// records a 五个一 item, an activity and a bonus event with their evidence (附件2 附则(一)2) for
// their own region only, and sees a refusal on the form; the monthly tracking, the forecast with its
// warnings and the printed 督查通报 agree with the API; a 昆山 officer is told Suzhou is not scored.
// Screenshots of every tab as admin and as baoying: test-results/e2e-assessment-*.png.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from '../../src/lib/exceljs.ts';
import { login } from '../helpers/app.ts';
import { chooseOption, pageErrors, pagesGivenBackAfterEach, screenshot, signIn, startWeb, type WebHarness } from './browser.ts';

let h: WebHarness;
// 2023-06-01: 2022 is a past year (every month tracked), 2027 a future one.
beforeAll(async () => { h = await startWeb({ enterprises: 8, businessDate: '2023-06-01' }); });
afterAll(async () => { await h?.close(); });
const track = pagesGivenBackAfterEach();
const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const TABS = ['scores', 'targets', 'records', 'tracking', 'forecast', 'bulletin'] as const;

interface TargetRow { regionId: string; regionName: string; retrofit: number; cloud: number; portrait: number; benchmark: number; coveragePercent: number }
interface Cell { target: number; actual: number; rate: string; behindSchedule: boolean; projected?: string }
interface Tracking { rows: { regionId: string; regionName: string; cells: Record<string, Cell> }[]; cityTotal: { cells: Record<string, Cell> } }

/**
 * The 2022 export read back and written as a 2027 table in the same layout (title row, header row,
 * one row per region): every count one more than 2022's, coverage 45%. `bad` puts text in one count.
 */
async function targetWorkbook2027(bad = false): Promise<{ file: Buffer; expected: { name: string; figures: number[] }[] }> {
  const admin = await login(h.t.app, 'admin');
  const res = await admin.request('GET', '/api/v1/assessment/2022/targets/export');
  expect(res.statusCode).toBe(200);
  const source = new ExcelJS.Workbook();
  await source.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const sheet = source.worksheets[0]!;
  const out = new ExcelJS.Workbook();
  const ws = out.addWorksheet(sheet.name);
  const expected: { name: string; figures: number[] }[] = [];
  let header = 0;
  sheet.eachRow((row, n) => {
    const values = (row.values as unknown[]).slice(1);
    if (header === 0) {
      if (values.some((v) => typeof v === 'string' && v.includes('县(市、区)'))) header = n;
      ws.addRow(values.map((v) => (typeof v === 'string' ? v.replace('2022', '2027') : v)));
      return;
    }
    const [no, name, ...figures] = values as [number, string, ...number[]];
    const counts = figures.slice(0, 4).map((x) => Number(x) + 1);
    expected.push({ name: String(name).replace(/\s+/g, ''), figures: [...counts, 45] });
    ws.addRow([no, name, ...(bad && n === header + 3 ? ['十二', ...counts.slice(1)] : counts), 45]);
  });
  return { file: Buffer.from(await out.xlsx.writeBuffer()), expected };
}

const tabPath = (tab: (typeof TABS)[number], year: number) => `/assessment${tab === 'scores' ? '' : `/${tab}`}?year=${year}`;
// Generous: on a machine shared by several test runs a tab's first answers have taken over 20 s.
const tabShown = (page: Page, tab: (typeof TABS)[number]) => page.locator(`[data-testid=assessment-${tab}]`).waitFor({ timeout: 45_000 });

async function openTab(page: Page, tab: (typeof TABS)[number], year: number) {
  await page.goto(h.base + tabPath(tab, year));
  await tabShown(page, tab);
}

/** Signed in straight onto a tab, in a 1280-pixel window unless told otherwise. */
async function signInOnTab(user: string, tab: (typeof TABS)[number], year: number, width = 1280): Promise<Page> {
  const page = track(await signIn(h, user, { at: tabPath(tab, year), viewport: { width, height: 900 } }));
  await tabShown(page, tab);
  return page;
}

/** Fills the antd date picker inside `scope` (typed as the calendar shows it, then confirmed). */
async function pickDate(page: Page, scope: string, iso: string) {
  const input = page.locator(`${scope} .ant-picker input`).first();
  await input.click();
  await input.fill(iso);
  await input.press('Enter');
}

describe('the city sets a new year\'s targets', () => {
  it('is told 2027 has no targets, sees a refused row named, imports the table and sees it', async () => {
    const page = track(await signIn(h, 'admin', { at: '/assessment?year=2027' }));
    const empty = page.locator('[data-testid=assessment-no-targets]');
    await empty.waitFor();
    expect(await empty.innerText()).toContain('2027年尚未设定考核目标');
    expect(await page.locator('.ant-alert-error').count()).toBe(0);
    expect(await page.getByRole('button', { name: /重\s*试/ }).count()).toBe(0);
    await screenshot(page, 'assessment-2027-empty-admin');
    await page.locator('[data-testid=assessment-set-targets]').click();
    await page.locator('[data-testid=targets-editor]').waitFor();

    // A wrong cell: nothing is written and the row is named.
    const bad = await targetWorkbook2027(true);
    const importCard = page.locator('[data-testid=targets-import]');
    await importCard.locator('input[type=file]').setInputFiles({ name: '2027目标-错误.xlsx', mimeType: XLSX_MIME, buffer: bad.file });
    await page.locator('[data-testid=targets-import-commit]').click();
    const error = page.locator('[data-testid=targets-import-error]');
    await error.waitFor();
    expect(await error.innerText()).toContain('第5行');
    expect(await error.innerText()).toContain('十二');
    await screenshot(page, 'assessment-targets-import-error');
    const admin = await login(h.t.app, 'admin');
    expect((await admin.request('GET', '/api/v1/assessment/2027/targets')).statusCode).toBe(400);

    const good = await targetWorkbook2027();
    await importCard.locator('input[type=file]').setInputFiles({ name: '2027目标.xlsx', mimeType: XLSX_MIME, buffer: good.file });
    await page.locator('[data-testid=targets-import-commit]').click();
    await page.locator('[data-testid=targets-import-result]').waitFor().catch(async (e: unknown) => {
      await screenshot(page, 'assessment-targets-import-debug');
      throw e;
    });
    const table = page.locator('[data-testid=targets-table]');
    await table.waitFor();
    const row = table.locator('tr', { hasText: '宝应县' });
    const [retrofit, cloud, portrait, benchmark, coverage] = good.expected.find((e) => e.name === '宝应县')!.figures;
    expect((await row.innerText()).split('\t').map((s) => s.trim()).slice(1)).toEqual(['宝应县', String(retrofit), String(cloud), String(portrait), String(benchmark), `${coverage}%`]);
    const saved = (await admin.request('GET', '/api/v1/assessment/2027/targets')).json() as { regions: TargetRow[] };
    expect(saved.regions.map((r) => [r.retrofit, r.cloud, r.portrait, r.benchmark, r.coveragePercent])).toEqual(good.expected.map((e) => e.figures));
    await screenshot(page, 'assessment-targets-2027-admin');
    expect(pageErrors(page)).toEqual([]);
  }, 120_000);

  it('types a 2026 table from the 2027 one; an empty cell is refused and marked, then the table saves', async () => {
    const page = await signInOnTab('admin', 'targets', 2026, 1440);
    const editor = page.locator('[data-testid=targets-editor]');
    await editor.waitFor();
    await page.locator('[data-testid=targets-copy]').click();
    const admin = await login(h.t.app, 'admin');
    const base = (await admin.request('GET', '/api/v1/assessment/2027/targets')).json() as { regions: TargetRow[] };
    // A cleared cell: nothing is written and the row says which region.
    const gaoyouCloud = editor.locator('input[data-testid=target-yz-gaoyou-cloud], [data-testid=target-yz-gaoyou-cloud] input').first();
    await gaoyouCloud.fill('');
    await page.locator('[data-testid=targets-save]').click();
    const refused = page.locator('[data-testid=targets-save-error]');
    await refused.waitFor();
    expect(await refused.innerText()).toContain('高邮市');
    expect(await editor.locator('tr.asc-row-error').innerText()).toContain('高邮市');
    expect((await admin.request('GET', '/api/v1/assessment/2026/targets')).statusCode).toBe(400);
    await screenshot(page, 'assessment-targets-2026-refused-admin');

    await gaoyouCloud.fill('90');
    await page.locator('[data-testid=targets-save]').click();
    await page.locator('[data-testid=targets-table]').waitFor();
    const saved = (await admin.request('GET', '/api/v1/assessment/2026/targets')).json() as { regions: TargetRow[] };
    expect(saved.regions.map((r) => [r.regionId, r.cloud])).toEqual(base.regions.map((r) => [r.regionId, r.regionId === 'yz-gaoyou' ? 90 : r.cloud]));
    expect(pageErrors(page)).toEqual([]);
  }, 120_000);

  it('shows every tab of 2022 to the city, with the region picker on the records', async () => {
    const page = track(await signIn(h, 'admin'));
    await page.setViewportSize({ width: 1280, height: 900 });
    for (const tab of TABS) {
      await openTab(page, tab, 2022);
      if (tab === 'scores') await page.locator('[data-testid=score-sheet] tbody tr.ant-table-row').first().waitFor();
      if (tab === 'tracking') await page.locator('[data-testid=tracking-matrix] tbody tr.ant-table-row').first().waitFor();
      if (tab === 'forecast') await page.locator('[data-testid=chart-forecast] canvas').waitFor();
      if (tab === 'records') {
        await chooseOption(page, page.locator('[data-testid=records-region]'), '高邮市');
        await page.locator('[data-testid=projects-table] tbody tr.ant-table-row').first().waitFor();
      }
      await screenshot(page, `assessment-${tab}-admin`);
    }
    expect(pageErrors(page)).toEqual([]);
  }, 120_000);
});

describe('a 宝应 officer records the year\'s work', () => {
  it('records a 五个一 item, an activity and a bonus event with evidence and sees them listed; only for 宝应', async () => {
    const page = await signInOnTab('baoying', 'records', 2022);
    // Their own region, fixed: no region picker.
    expect(await page.locator('[data-testid=records-region-fixed]').innerText()).toBe('宝应县');
    expect(await page.locator('[data-testid=records-region]').count()).toBe(0);
    await screenshot(page, 'assessment-records-baoying');

    // 附件2 附则(一)1 核查内容: choosing 数字画像 lays out its three required pieces of evidence.
    await page.locator('[data-testid=add-project]').click();
    const project = page.locator('[data-testid=project-form]');
    await project.waitFor();
    await project.getByText('“数字画像”诊断项目').click();
    expect(await project.locator('[data-testid=evidence-title]').count()).toBe(3);
    expect(await project.innerText()).toContain('须附:合作协议、采购合同、诊断报告');
    await screenshot(page, 'assessment-project-form-baoying');
    await page.getByRole('dialog').getByRole('button', { name: /取\s*消/ }).click();
    await project.waitFor({ state: 'detached' });

    // 五个一: 建立一个工作专班, done, with a document.
    await page.locator('[data-testid=records-kind-work]').click();
    await page.locator('[data-testid=edit-work-workTeam]').click();
    const work = page.locator('[data-testid=work-form]');
    await work.waitFor();
    await pickDate(page, '[data-testid=work-form]', '2022-03-10');
    await work.locator('[data-testid=evidence-title]').first().fill('宝应县智改数转工作专班成立通知(测试)');
    await page.locator('[data-testid=work-form-ok]').click();
    const workRow = page.locator('[data-testid=work-table] tr', { hasText: '建立一个工作专班' });
    await workRow.getByText('宝应县智改数转工作专班成立通知(测试)').waitFor();
    expect(await workRow.innerText()).toContain('2022-03-10');

    // An activity whose only evidence is a notice is refused on the form (附则(一)2), then saved with a news report.
    await page.locator('[data-testid=records-kind-activities]').click();
    await page.locator('[data-testid=add-activity]').click();
    const activity = page.locator('[data-testid=activity-form]');
    await activity.waitFor();
    await activity.locator('[data-testid=activity-title]').fill('宝应县智改数转专题培训(测试)');
    await pickDate(page, '[data-testid=activity-form]', '2022-05-20');
    await chooseOption(page, activity.locator('[data-testid=activity-type]'), '专题培训');
    await chooseOption(page, activity.locator('[data-testid=evidence-kind]').first(), '通报/督办通知');
    await activity.locator('[data-testid=evidence-title]').first().fill('培训通知');
    await page.locator('[data-testid=activity-form-ok]').click();
    const refusal = page.locator('[data-testid=activity-form-error]');
    await refusal.waitFor();
    expect(await refusal.innerText()).toContain('推进活动须附相关文件、新闻报道或图片视频等证明材料');
    await screenshot(page, 'assessment-activity-refused-baoying');
    await chooseOption(page, activity.locator('[data-testid=evidence-kind]').first(), '新闻报道');
    await activity.locator('[data-testid=evidence-title]').first().fill('宝应日报:智改数转专题培训举行');
    await page.locator('[data-testid=activity-form-ok]').click();
    await page.locator('[data-testid=activities-table] tr', { hasText: '宝应县智改数转专题培训(测试)' }).getByText('宝应日报:智改数转专题培训举行').waitFor();

    // A bonus event: a provincial recognition with its document.
    await page.locator('[data-testid=records-kind-events]').click();
    await page.locator('[data-testid=add-event]').click();
    const event = page.locator('[data-testid=event-form]');
    await event.waitFor();
    expect(await event.locator('[data-testid=event-direction]').count()).toBe(0); // deductions are the city's
    await event.locator('[data-testid=event-title]').fill('省级智能制造示范工厂(测试)');
    await pickDate(page, '[data-testid=event-form]', '2022-09-01');
    await chooseOption(page, event.locator('[data-testid=event-kind]'), '认定类项目');
    await chooseOption(page, event.locator('[data-testid=event-level]'), '省级');
    await event.locator('[data-testid=evidence-title]').first().fill('苏工信〔2022〕测试号 认定文件');
    await page.locator('[data-testid=event-form-ok]').click();
    const eventRow = page.locator('[data-testid=events-table] tr', { hasText: '省级智能制造示范工厂(测试)' });
    await eventRow.waitFor();
    expect(await eventRow.innerText()).toContain('认定类项目 · 省级');
    await screenshot(page, 'assessment-events-baoying');

    // The API holds them, for 宝应, with the evidence typed.
    const api = await login(h.t.app, 'baoying');
    const items = (await api.request('GET', '/api/v1/assessment/2022/work-items')).json() as { regionId: string; item: string; done: boolean; evidence: { kind: string; title: string }[] }[];
    expect(items.find((i) => i.item === 'workTeam')).toMatchObject({ regionId: 'yz-baoying', done: true, evidence: [{ kind: 'document', title: '宝应县智改数转工作专班成立通知(测试)' }] });
    const acts = (await api.request('GET', '/api/v1/assessment/2022/activities')).json() as { title: string; regionId: string; type: string; date: string; evidence: unknown[] }[];
    expect(acts.filter((a) => a.title === '宝应县智改数转专题培训(测试)')).toEqual([
      expect.objectContaining({ regionId: 'yz-baoying', type: 'training', date: '2022-05-20', evidence: [{ kind: 'news', title: '宝应日报:智改数转专题培训举行' }] }),
    ]);
    const events = (await api.request('GET', '/api/v1/assessment/2022/events')).json() as { title: string; regionId: string; kind: string; level: string }[];
    expect(events.find((e) => e.title === '省级智能制造示范工厂(测试)')).toMatchObject({ regionId: 'yz-baoying', kind: 'recognition', level: 'provincial' });
    // Another region is out of reach by the API too.
    const other = await api.request('POST', '/api/v1/assessment/activities', {
      regionId: 'yz-gaoyou', date: '2022-05-20', type: 'training', level: 'county', title: '越区活动', evidence: [{ kind: 'news', title: '报道' }],
    });
    expect([403, 404]).toContain(other.statusCode);

    // The coverage summaries as the region reported them, month by month.
    await page.locator('[data-testid=records-kind-coverage]').click();
    const coverage = (await api.request('GET', '/api/v1/assessment/2022/coverage')).json() as { month: number; regionId: string }[];
    expect(coverage.length).toBeGreaterThan(0);
    expect(new Set(coverage.map((c) => c.regionId))).toEqual(new Set(['yz-baoying']));
    // The same summaries as the city reads them for 宝应 (its list spans every region).
    const cityList = (await (await login(h.t.app, 'admin')).request('GET', '/api/v1/assessment/2022/coverage')).json() as { month: number; regionId: string }[];
    expect(cityList.filter((c) => c.regionId === 'yz-baoying').map((c) => c.month)).toEqual(coverage.map((c) => c.month));
    expect(new Set(cityList.map((c) => c.regionId)).size).toBeGreaterThan(1);
    await page.locator('[data-testid=coverage-table] tbody tr.ant-table-row').nth(coverage.length - 1).waitFor();
    expect(await page.locator('[data-testid=coverage-table] tbody tr.ant-table-row').count()).toBe(coverage.length);
    expect(pageErrors(page)).toEqual([]);
  }, 120_000);

  it('sees month-by-month tracking with behind-schedule cells as the API marks them, and the forecast warnings', async () => {
    const page = track(await signIn(h, 'baoying'));
    await page.setViewportSize({ width: 1280, height: 900 });
    const api = await login(h.t.app, 'baoying');
    let behind = 0;
    for (let m = 1; m <= 12; m++) {
      const tr = (await api.request('GET', `/api/v1/assessment/2022/tracking?month=${m}`)).json() as Tracking;
      expect(tr.rows.map((r) => r.regionId)).toEqual(['yz-baoying']);
      if (tr.rows[0]!.cells.retrofit!.behindSchedule) behind++;
    }
    await openTab(page, 'tracking', 2022);
    const matrix = page.locator('[data-testid=tracking-matrix]');
    await matrix.locator('tbody tr.ant-table-row').first().waitFor();
    await page.waitForFunction("!document.querySelector('[data-testid=tracking-matrix]').textContent.includes('…')");
    expect(await matrix.locator('thead th').count()).toBe(13);
    expect(await matrix.locator('tbody tr.ant-table-row').count()).toBe(1);
    expect(await matrix.locator('.asc-behind').count()).toBe(behind);
    await screenshot(page, 'assessment-tracking-baoying');

    const forecast = (await api.request('GET', '/api/v1/assessment/2022/forecast?month=12')).json() as { status: string; explanation: string }[];
    const warned = forecast.filter((f) => f.status !== 'on-track');
    await openTab(page, 'forecast', 2022);
    await page.locator('[data-testid=chart-forecast] canvas').waitFor();
    const warnings = page.locator('[data-testid=forecast-warnings]');
    if (warned.length === 0) {
      await warnings.getByText('预计均能完成').waitFor();
    } else {
      await warnings.locator('tbody tr.ant-table-row').first().waitFor();
      expect(await warnings.locator('tbody tr.ant-table-row').count()).toBe(Math.min(10, warned.length));
      expect(await warnings.innerText()).toContain(warned[0]!.explanation.slice(0, 12));
    }
    await screenshot(page, 'assessment-forecast-baoying');

    for (const tab of ['scores', 'targets', 'bulletin'] as const) {
      await openTab(page, tab, 2022);
      if (tab === 'scores') await page.locator('[data-testid=score-sheet] tbody tr.ant-table-row').first().waitFor();
      await screenshot(page, `assessment-${tab}-baoying`);
    }
    // Not the city: no import, no editing of targets.
    await openTab(page, 'targets', 2022);
    expect(await page.locator('[data-testid=targets-import]').count()).toBe(0);
    expect(await page.locator('[data-testid=targets-edit]').count()).toBe(0);
    // A year the city has not set: told so, with nothing to press.
    await page.goto(`${h.base}/assessment/records?year=2025`);
    const empty = page.locator('[data-testid=assessment-no-targets]');
    await empty.waitFor();
    expect(await empty.innerText()).toContain('市工信局尚未设定该年度目标');
    expect(await page.locator('[data-testid=assessment-set-targets]').count()).toBe(0);
    expect(await page.locator('.ant-alert-error').count()).toBe(0);
    await screenshot(page, 'assessment-2025-empty-baoying');
    expect(pageErrors(page)).toEqual([]);
  }, 120_000);
});

describe('the printed 督查通报', () => {
  it('has the office and date in its header, region names on one line and whole-number counts', async () => {
    const page = await signInOnTab('admin', 'bulletin', 2022);
    // The server's business date answers after the bulletin (as it did on a busy CI machine): the
    // page used to show the browser's today meanwhile, and could be printed with it.
    await page.context().route('**/api/v1/health', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await route.continue();
    });
    const [print] = await Promise.all([page.context().waitForEvent('page'), page.locator('[data-testid=bulletin-print]').click()]);
    track(print);
    await print.locator('[data-testid=bulletin-tracking]').waitFor();
    expect(new URL(print.url()).pathname).toBe('/assessment/print/2022/4');
    expect(await print.locator('[data-testid=bulletin-issuer]').innerText()).toContain('扬州市“智改数转”工作领导小组办公室');
    expect(await print.locator('[data-testid=bulletin-date]').innerText()).toBe('2023年6月1日');
    expect(await print.locator('[data-testid=side-menu]').count()).toBe(0);

    const api = await login(h.t.app, 'admin');
    const b = (await api.request('GET', '/api/v1/assessment/2022/bulletins/4')).json() as { title: string; tracking: Tracking };
    expect(await print.locator('h1').innerText()).toBe(b.title);
    // Each region name sits on one line: its text makes a single line box.
    const layout = await print.evaluate(`[...document.querySelectorAll('[data-testid=bulletin-tracking] td.asc-doc-region')].map((td) => {
      const range = document.createRange();
      range.selectNodeContents(td);
      return { text: td.innerText, lines: range.getClientRects().length };
    })`) as { text: string; lines: number }[];
    expect(layout.map((l) => l.text)).toEqual([...b.tracking.rows.map((r) => r.regionName), '全市合计']);
    for (const l of layout) expect(l.lines, l.text).toBe(1);
    // Targets, completions and projections are whole numbers.
    const counts = await print.evaluate(`[...document.querySelectorAll('[data-testid=bulletin-tracking] tbody tr')].flatMap((tr) =>
      [...tr.querySelectorAll('td')].slice(1).filter((_, i) => i % 4 !== 2).map((td) => td.textContent))`) as string[];
    expect(counts.length).toBe((b.tracking.rows.length + 1) * 5 * 3);
    for (const c of counts) expect(c).toMatch(/^(\d{1,3}(,\d{3})*|—)$/);
    await print.setViewportSize({ width: 1280, height: 900 });
    await screenshot(print, 'assessment-bulletin-print');
    expect(pageErrors(page)).toEqual([]);
  }, 120_000);
});

describe('a 昆山 officer', () => {
  it('is told that Suzhou is not scored under 扬州 附件2, with no tabs and no error', async () => {
    const page = track(await signIn(h, 'kunshan', { at: '/assessment' }));
    const info = page.locator('[data-testid=assessment-not-assessed]');
    await info.waitFor();
    const text = await info.innerText();
    expect(text).toContain('昆山');
    expect(text).toContain('苏州市各地区不参加评分');
    expect(await page.locator('[data-testid=assessment-tab-records]').count()).toBe(0);
    expect(await page.locator('.ant-alert-error').count()).toBe(0);
    await screenshot(page, 'assessment-kunshan');
    expect(pageErrors(page)).toEqual([]);
  }, 120_000);
});

describe('in English', () => {
  it('labels the tabs and the records without Chinese', async () => {
    const page = track(await signIn(h, 'admin'));
    await page.locator('[data-testid=lang-switch]').click();
    await openTab(page, 'records', 2022);
    const tabs = await page.locator('.ant-tabs-nav').first().innerText();
    expect(tabs).toContain('Monthly tracking');
    expect(tabs).not.toMatch(/[\u4e00-\u9fff]/);
    const kinds = await page.locator('[data-testid=assessment-records] .ant-tabs-nav').innerText();
    expect(kinds).not.toMatch(/[\u4e00-\u9fff]/);
    const heads = await page.locator('[data-testid=projects-table] thead').innerText();
    expect(heads).not.toMatch(/[\u4e00-\u9fff]/);
    await screenshot(page, 'assessment-records-admin-en');
    expect(pageErrors(page)).toEqual([]);
  }, 120_000);
});
