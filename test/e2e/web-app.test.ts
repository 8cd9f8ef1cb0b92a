// The web app in a real browser against the real server: sign-in errors, the dashboard's charts,
// region scoping of the enterprise list, server validation shown at the field, editing with
// optimistic concurrency, the audit chain check, the policy calculator and the language switch. Screenshots go to
// test-results/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { users } from '../../src/db/schema/core.ts';
import { enterprises } from '../../src/db/schema/enterprises.ts';
import { demoEnterprise } from '../../src/db/seed/demo-enterprises.ts';
import { USCC_CHARSET } from '../../src/domain/uscc/uscc.ts';
import ExcelJS from '../../src/lib/exceljs.ts';
import { login } from '../helpers/app.ts';
import { openPage, pageErrors, SCREENSHOTS, screenshot, signIn, startWeb, type WebHarness, pagesGivenBackAfterEach } from './browser.ts';

let h: WebHarness;
beforeAll(async () => { h = await startWeb({ enterprises: 44 }); });
afterAll(async () => { await h?.close(); });

const track = pagesGivenBackAfterEach();

/** Saturated (coloured) pixels drawn on a chart's canvas: bars and pie slices, not grey axes or text. */
const paintedPixels = (testId: string) => `(() => {
  const c = document.querySelector('[data-testid=${testId}] canvas');
  if (!c) return 0;
  const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  let n = 0;
  for (let i = 0; i < d.length; i += 4) if (Math.max(d[i], d[i + 1], d[i + 2]) - Math.min(d[i], d[i + 1], d[i + 2]) > 60) n++;
  return n;
})()`;

describe('web app in Chromium', () => {
  it('shows the API message for a wrong password and stays on the login page', async () => {
    const page = track(await openPage(h));
    await page.locator('#login-username').fill('finance');
    await page.locator('#login-password').fill('not-the-password');
    await page.locator('[data-testid=login-submit]').click();
    const error = page.locator('[data-testid=login-error]');
    await error.waitFor();
    expect(await error.innerText()).toContain('用户名或密码错误');
    expect(new URL(page.url()).pathname).toBe('/login');
    await screenshot(page, 'login-error');
    expect(pageErrors(page)).toEqual([]);
  });

  it('renders the dashboard charts with the enterprise counts', async () => {
    const page = track(await signIn(h, 'admin', { form: true }));
    const all = await h.t.database.db.select().from(enterprises);
    await page.locator('[data-testid=kpi-total]').getByText(String(all.length)).waitFor();
    expect(await page.locator('[data-testid=kpi-above]').innerText()).toContain(String(all.filter((e) => e.aboveScale).length));
    for (const chart of ['chart-regions', 'chart-scale', 'chart-certifications', 'chart-chains']) {
      await page.locator(`[data-testid=${chart}] canvas`).waitFor();
      // The bars and slices are really drawn (waits for the entry animation).
      await page.waitForFunction(`${paintedPixels(chart)} > 2000`);
    }
    expect(await page.locator('[data-testid=side-menu]').innerText()).toContain('账号管理');
    expect(await page.locator('[data-testid=current-role]').innerText()).toBe('市级管理员(市工信局)');
    await screenshot(page, 'dashboard-admin');
    expect(pageErrors(page)).toEqual([]);
  });

  it('shows a region officer only the enterprises of 宝应县', async () => {
    const own = await h.t.database.db.select().from(enterprises).where(eq(enterprises.regionId, 'yz-baoying'));
    expect(own.length).toBeGreaterThan(0);
    const page = track(await signIn(h, 'baoying'));
    expect(await page.locator('[data-testid=current-scope]').innerText()).toBe('宝应县');
    expect(await page.locator('[data-testid=side-menu]').innerText()).not.toContain('账号管理');
    await page.locator('[data-testid=kpi-total]').getByText(String(own.length)).waitFor();
    await page.locator('[data-testid=side-menu]').getByText('企业档案').click();
    const rows = page.locator('[data-testid=enterprise-table] tbody tr.ant-table-row');
    await rows.first().waitFor();
    await page.getByText(`共 ${own.length} 条`).waitFor();
    const regions = await page.locator('[data-testid=enterprise-table] tbody tr.ant-table-row td:nth-child(3)').allInnerTexts();
    expect(regions.length).toBe(Math.min(own.length, 20));
    expect(new Set(regions)).toEqual(new Set(['宝应县']));
    const names = await page.locator('[data-testid=enterprise-table] tbody tr.ant-table-row td:nth-child(1)').allInnerTexts();
    expect(names.sort()).toEqual(own.map((e) => e.name).sort().slice(0, regions.length));
    await screenshot(page, 'enterprises-baoying');
    // Another region's file, opened for editing by its address: told it is outside the scope, with no retry button.
    const [other] = await h.t.database.db.select().from(enterprises).where(eq(enterprises.regionId, 'yz-gaoyou')).limit(1);
    await page.goto(`${h.base}/enterprises/${other!.id}/edit`);
    await page.locator('.ant-result-404').getByText('企业档案不存在或不在您的管辖范围内').first().waitFor();
    expect(await page.getByRole('button', { name: /重\s*试/ }).count()).toBe(0);
    expect(pageErrors(page)).toEqual([]);
  });

  it('a region officer exports the filtered list as a background job: progress, the file downloaded, and the export history', async () => {
    const own = await h.t.database.db.select().from(enterprises).where(eq(enterprises.regionId, 'yz-baoying'));
    const above = own.filter((e) => e.aboveScale);
    expect(above.length).toBeGreaterThan(0);
    const page = track(await signIn(h, 'baoying', { at: '/enterprises?aboveScale=true' }));
    await page.getByText(`共 ${above.length} 条`).waitFor();
    const downloading = page.waitForEvent('download');
    await page.locator('[data-testid=export-start]').click();
    // The window opened (antd keeps a closed Modal's content, hidden): a small export is written and
    // downloaded within the first poll, and the window may already have closed by the time it is looked for.
    await page.locator('[data-testid=export-progress]').waitFor({ state: 'attached' });
    const file = await downloading;
    expect(file.suggestedFilename()).toBe('企业档案.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile((await file.path())!);
    const names: string[] = [];
    wb.worksheets[0]!.eachRow((row, n) => { if (n > 1) names.push(String(row.getCell(2).value)); });
    expect(names.sort()).toEqual(above.map((e) => e.name).sort());
    await page.getByText(`导出完成:${above.length} 家企业`).waitFor();
    await page.locator('[data-testid=export-history]').click();
    const history = page.locator('[data-testid=export-jobs] tbody tr.ant-table-row');
    await history.first().waitFor();
    expect(await history.count()).toBe(1);
    expect(await history.first().innerText()).toContain('规上');
    expect(await history.first().innerText()).toContain('已完成');
    await screenshot(page, 'export-history-baoying');
    const again = page.waitForEvent('download');
    await page.locator('[data-testid=export-download]').click();
    expect((await again).suggestedFilename()).toBe('企业档案.xlsx');
    expect(pageErrors(page)).toEqual([]);
  });

  it('shows the server\'s USCC error at the field, then creates the enterprise once it is fixed', async () => {
    const page = track(await signIn(h, 'baoying', { at: '/enterprises/new' }));
    await page.locator('[data-testid=enterprise-form]').waitFor();
    const good = demoEnterprise(990_001).uscc;
    const wrongCheck = good.slice(0, 17) + USCC_CHARSET[(USCC_CHARSET.indexOf(good[17]!) + 1) % USCC_CHARSET.length];
    await page.locator('[data-testid=field-uscc]').fill(wrongCheck);
    await page.locator('[data-testid=field-name]').fill('宝应智联精密机械有限公司');
    await page.locator('[data-testid=field-industryCode]').fill('C3484');
    await page.locator('[data-testid=form-submit]').click();
    const fieldError = page.locator('.ant-form-item:has([data-testid=field-uscc]) .ant-form-item-explain-error');
    await fieldError.waitFor();
    expect(await fieldError.innerText()).toContain('第18位');
    // The alert names the field by its label, never by the schema key (issue 9 item 6).
    expect(await page.locator('[data-testid=form-error]').innerText()).toContain('统一社会信用代码');
    expect(await page.locator('[data-testid=form-error]').innerText()).not.toContain('uscc');
    await screenshot(page, 'enterprise-uscc-error');
    const before = (await h.t.database.db.select().from(enterprises).where(eq(enterprises.uscc, good))).length;
    expect(before).toBe(0);

    await page.locator('[data-testid=field-uscc]').fill(good);
    await page.locator('[data-testid=form-submit]').click();
    await page.locator('[data-testid=enterprise-detail]').waitFor();
    await page.locator('[data-testid=detail-uscc]').getByText(good).waitFor();
    const [row] = await h.t.database.db.select().from(enterprises).where(eq(enterprises.uscc, good));
    expect(row).toMatchObject({ name: '宝应智联精密机械有限公司', regionId: 'yz-baoying', industryCode: 'C3484' });
    expect(pageErrors(page)).toEqual([]);
  });

  it('edits an enterprise, and refuses a stale edit with the 409 message', async () => {
    const [qiye] = await h.t.database.db.select().from(users).where(eq(users.username, 'qiye'));
    const id = qiye!.enterpriseId!;
    const page = track(await signIn(h, 'admin', { at: `/enterprises/${id}/edit` }));
    await page.locator('[data-testid=field-contactName]').fill('王工程师');
    await page.locator('[data-testid=form-submit]').click();
    await page.locator('[data-testid=detail-contact]').getByText('王工程师').waitFor();
    const [saved] = await h.t.database.db.select().from(enterprises).where(eq(enterprises.id, id));
    expect(saved).toMatchObject({ contactName: '王工程师' });

    // Someone else saves while this form is open: the form's version is now stale.
    await page.goto(`${h.base}/enterprises/${id}/edit`);
    await page.locator('[data-testid=field-contactName]').waitFor();
    const other = await login(h.t.app, 'baoying');
    expect((await other.request('PATCH', `/api/v1/enterprises/${id}`, { contactName: '李主任', version: saved!.version })).statusCode).toBe(200);
    await page.locator('[data-testid=field-contactName]').fill('赵科长');
    await page.locator('[data-testid=form-submit]').click();
    const error = page.locator('[data-testid=form-error]');
    await error.waitFor();
    expect(await error.innerText()).toContain('已被他人修改');
    await screenshot(page, 'enterprise-conflict');
    await error.getByRole('button').click();
    // Polled from here, not by waitForFunction (its string is eval'd under the app's CSP when it polls).
    await expect.poll(() => page.locator('[data-testid=field-contactName]').inputValue()).toBe('李主任');
    const [after] = await h.t.database.db.select().from(enterprises).where(eq(enterprises.id, id));
    expect(after).toMatchObject({ contactName: '李主任', version: saved!.version + 1 });
    expect(pageErrors(page)).toEqual([]);
  });

  it('verifies the audit hash chain for the supervisor', async () => {
    const page = track(await signIn(h, 'supervisor'));
    await page.locator('[data-testid=side-menu]').getByText('审计日志').click();
    await page.locator('[data-testid=audit-page] tbody tr.ant-table-row').first().waitFor();
    await page.locator('[data-testid=audit-verify]').click();
    const result = page.locator('[data-testid=audit-verify-result]');
    await result.waitFor();
    expect(await result.innerText()).toContain('哈希链完整');
    await screenshot(page, 'audit-supervisor');
    expect(pageErrors(page)).toEqual([]);
  });

  it('calculates an enterprise\'s entitlement with the reason and the clause', async () => {
    const page = track(await signIn(h, 'qiye'));
    await page.locator('[data-testid=side-menu]').getByText('政策兑现').click();
    await page.locator('[data-testid=policy-evaluate]').waitFor();
    expect(await page.locator('[data-testid=policy-select]').innerText()).toContain('扬州');
    const investment = page.locator('#facts_projects_0_annual_investment');
    await investment.fill('1800');
    await page.locator('[data-testid=policy-evaluate]').click();
    // Measures not met are behind a switch.
    await page.locator('[data-testid=policy-show-failed]').click();
    const retrofit = page.locator('[data-testid=policy-measures] tr.ant-table-row', { hasText: '智能化改造项目补助' });
    await retrofit.getByText('需达到 2,000万元以上').waitFor();
    expect(await retrofit.innerText()).toContain('不符合');

    await investment.fill('2500');
    await page.locator('[data-testid=policy-evaluate]').click();
    await retrofit.getByText('最高可获 325万元(不高于投资额的13%)').waitFor();
    expect(await retrofit.innerText()).toContain('市级');
    await retrofit.locator('.ant-table-row-expand-icon').click();
    const explanation = page.locator('[data-testid=policy-measures] .zgsz-explanation').first();
    await explanation.waitFor();
    const text = await explanation.innerText();
    expect(text).toContain('附件1 二(一)');
    expect(text).toContain('不高于13%');
    await page.locator('[data-testid=chart-policy] canvas').waitFor();
    await page.locator('[data-testid=policy-result]').screenshot({ path: `${SCREENSHOTS}e2e-policy-result.png` });
    expect(pageErrors(page)).toEqual([]);
  });

  it('switches the menu to English and keeps the choice after a reload', async () => {
    const page = track(await signIn(h, 'admin'));
    const menu = page.locator('[data-testid=side-menu]');
    expect(await menu.innerText()).toContain('企业档案');
    await page.locator('[data-testid=lang-switch]').click();
    await menu.getByText('Enterprises', { exact: true }).waitFor();
    const labels = await menu.innerText();
    for (const label of ['Dashboard', 'Enterprises', 'Accounts', 'Audit log']) expect(labels).toContain(label);
    expect(labels).not.toContain('企业档案');
    await page.reload();
    await page.locator('[data-testid=side-menu]').getByText('Dashboard', { exact: true }).waitFor();
    await page.locator('[data-testid=chart-regions] canvas').waitFor();
    await page.getByText('Enterprises by region').waitFor();
    await screenshot(page, 'dashboard-english');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByText('You have signed out.').waitFor();
    expect(pageErrors(page)).toEqual([]);
  });
});
