// The demo hint on the login page (a server started with --demo lists its accounts; clicking one
// fills the form) and a region officer filing 2022 projects from a workbook on the assessment page.
// Screenshots to test-results/e2e-login-demo.png and e2e-project-import.png.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from '../../src/lib/exceljs.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../src/db/seed/seed.ts';
import { PROJECT_COLUMNS } from '../../src/use-cases/assessment/project-columns.ts';
import { login } from '../helpers/app.ts';
import { openPage, pageErrors, screenshot, signIn, startWeb, type WebHarness, pagesGivenBackAfterEach } from './browser.ts';

let h: WebHarness;
beforeAll(async () => { h = await startWeb({ enterprises: 8, demo: true }); });
afterAll(async () => { await h?.close(); });

const track = pagesGivenBackAfterEach();

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const TITLES = ['ERP系统上云(批量填报测试)', 'MES系统上云(批量填报测试)'];

async function workbook(rows: string[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('项目');
  ws.addRow(PROJECT_COLUMNS.map((c) => c.header));
  rows.forEach((r) => ws.addRow(r));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('demo accounts on the login page', () => {
  it('lists the demo accounts; clicking one fills the form and signs in', async () => {
    const page = track(await openPage(h));
    const demo = page.locator('[data-testid=login-demo]');
    await demo.waitFor();
    for (const a of DEMO_ACCOUNTS) expect(await demo.innerText()).toContain(a.displayName);
    expect(await page.locator('[data-testid=login-demo-password]').innerText()).toBe(DEMO_PASSWORD);
    await screenshot(page, 'login-demo');

    await page.locator('[data-testid=login-demo-baoying]').click();
    expect(await page.locator('#login-username').inputValue()).toBe('baoying');
    expect(await page.locator('#login-password').inputValue()).toBe(DEMO_PASSWORD);
    await page.locator('[data-testid=login-submit]').click();
    await page.locator('[data-testid=dashboard]').waitFor();
    expect(pageErrors(page)).toEqual([]);
  });

  it('shows nothing when the health check has no demo block (a server without --demo)', async () => {
    const page = track(await openPage(h, '/404-before-login'));
    await page.route('**/api/v1/health', (route) => route.fulfill({ json: { status: 'ok', database: 'pglite' } }));
    const answered = page.waitForResponse('**/api/v1/health');
    await page.goto(h.base + '/login');
    await answered;
    await page.locator('[data-testid=login-submit]').waitFor();
    expect(await page.locator('[data-testid=login-demo]').count()).toBe(0);
    expect(pageErrors(page)).toEqual([]);
  });
});

describe('assessment project upload', () => {
  it('baoying checks then imports a 2022 workbook and sees the count; the API lists the projects', async () => {
    const file = await workbook(TITLES.map((title, i) => [
      '宝应县', '上云用数', title, `扬州批量填报测试企业${i + 1}有限公司`, '2022-06-01', '', '星级上云认定文件|江苏省三星级上云企业认定',
    ]));
    const page = track(await signIn(h, 'baoying'));
    await page.locator('[data-testid=side-menu]').getByText('考核评分').click();
    const panel = page.locator('[data-testid=project-import]');
    await panel.waitFor();
    expect(await page.locator('[data-testid=project-import-columns]').innerText()).toContain('佐证材料');
    await panel.locator('input[type=file]').setInputFiles({ name: '2022项目.xlsx', mimeType: XLSX_MIME, buffer: file });

    await page.locator('[data-testid=project-import-check]').click();
    await page.locator('[data-testid=project-import-result]').getByText('校验通过:2 个项目').waitFor();
    await page.locator('[data-testid=project-import-commit]').click();
    await page.locator('[data-testid=project-import-result]').getByText('导入完成:新增 2 个项目').waitFor();
    await panel.scrollIntoViewIfNeeded();
    await screenshot(page, 'project-import');

    const api = await login(h.t.app, 'baoying');
    const res = await api.request('GET', '/api/v1/assessment/2022/projects');
    expect(res.statusCode, res.body).toBe(200);
    const listed = (res.json() as { title: string; regionId: string; category: string }[]).filter((p) => TITLES.includes(p.title));
    expect(listed.map((p) => [p.title, p.regionId, p.category]).sort()).toEqual(TITLES.map((t) => [t, 'yz-baoying', 'cloud']).sort());
    expect(pageErrors(page)).toEqual([]);
  });

  it('shows the errors by row and column and writes nothing for a wrong row', async () => {
    const file = await workbook([['高邮市', '上云用数', '越区项目', '高邮某公司', '2022-06-01', '', '星级上云认定文件|认定']]);
    const page = track(await signIn(h, 'baoying', { at: '/assessment' }));
    const panel = page.locator('[data-testid=project-import]');
    await panel.locator('input[type=file]').setInputFiles({ name: 'bad.xlsx', mimeType: XLSX_MIME, buffer: file });
    await page.locator('[data-testid=project-import-commit]').click();
    const row = page.locator('[data-testid=project-import-errors] tr.ant-table-row');
    await row.first().waitFor();
    expect(await row.first().innerText()).toContain('所属地区');
    await screenshot(page, 'project-import-errors');
    const admin = await login(h.t.app, 'admin');
    const all = (await admin.request('GET', '/api/v1/assessment/2022/projects')).json() as { title: string }[];
    expect(all.some((p) => p.title === '越区项目')).toBe(false);
    expect(pageErrors(page)).toEqual([]);
  });
});
