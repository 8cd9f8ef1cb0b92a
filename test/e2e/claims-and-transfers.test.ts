// Government determinations in a real browser against the real server: the enterprise user sees its
// industry code and certifications locked and submits a certification claim; the 宝应县 officer
// confirms it from the 待核实认定 queue (and rejects another with a reason on the file page); the
// file then shows it among its certifications. A 昆山 officer is told the assessment does not cover
// 昆山, asks for the transfer of an enterprise filed elsewhere, and the city approves it. The
// enterprise import previews the files it changes and refuses a row exported before a newer edit.
// Figures are compared with the API; screenshots go to test-results/e2e-*.png.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, ne } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import ExcelJS from '../../src/lib/exceljs.ts';
import { users } from '../../src/db/schema/core.ts';
import { enterprises } from '../../src/db/schema/enterprises.ts';
import { demoEnterprise } from '../../src/db/seed/demo-enterprises.ts';
import { COLUMNS, enterpriseToRow } from '../../src/use-cases/enterprises/enterprise-columns.ts';
import { login } from '../helpers/app.ts';
import { chooseOption, pageErrors, SCREENSHOTS, screenshot, signIn, startWeb, type WebHarness, pagesGivenBackAfterEach } from './browser.ts';

// The parts of the API's answers the test compares.
interface Claim { id: string; title: string; level: string; kind: string; status: string; reviewNote: string | null }
interface EnterpriseView { id: string; name: string; regionId: string; version: number; contactName: string | null; certifications: { kind: string; level: string; title: string; year: number }[]; certificationClaims?: Claim[] }
interface Transfer { id: string; uscc: string; enterpriseName: string | null; status: string; toRegionId: string }

let h: WebHarness;
beforeAll(async () => { h = await startWeb({ enterprises: 30 }); });
afterAll(async () => { await h?.close(); });

const track = pagesGivenBackAfterEach();

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const CLAIM = { title: '江苏省五星级上云企业', evidence: '江苏省工业和信息化厅 苏工信数字〔2024〕35号' };

/** Opens an antd Select by its test id and picks the option with this label. */
const choose = (page: Page, testId: string, label: string) => chooseOption(page, page.locator(`[data-testid=${testId}]`), label);

async function qiyeEnterprise(): Promise<string> {
  const [qiye] = await h.t.database.db.select().from(users).where(eq(users.username, 'qiye'));
  return qiye!.enterpriseId!;
}

async function read(id: string, as = 'admin'): Promise<EnterpriseView> {
  const res = await (await login(h.t.app, as)).request('GET', `/api/v1/enterprises/${id}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as EnterpriseView;
}

describe('certification claims', () => {
  it('the enterprise user finds industry code and certifications locked, keeps its contact, and submits a claim', async () => {
    const id = await qiyeEnterprise();
    const page = track(await signIn(h, 'qiye', { at: `/enterprises/${id}/edit` }));
    await page.locator('[data-testid=enterprise-form]').waitFor();
    expect(await page.locator('[data-testid=field-industryCode]').isDisabled()).toBe(true);
    expect(await page.locator('[data-testid=field-name]').isDisabled()).toBe(true);
    expect(await page.locator('[data-testid=certs-readonly]').innerText()).toContain('提交认定');
    expect(await page.getByRole('button', { name: '添加认定' }).count()).toBe(0);
    await screenshot(page, 'enterprise-form-locked');

    // Saving what it may change sends neither the industry code nor the certifications (no 403).
    await page.locator('[data-testid=field-contactName]').fill('陈经理');
    await page.locator('[data-testid=form-submit]').click();
    await page.locator('[data-testid=detail-contact]').getByText('陈经理').waitFor();
    expect(await read(id)).toMatchObject({ contactName: '陈经理' });

    await page.goto(`${h.base}/enterprises/${id}/edit`);
    await page.locator('[data-testid=go-claim]').click();
    const form = page.locator('[data-testid=claim-form]');
    await form.waitFor();
    await choose(page, 'claim-kind', '星级上云');
    await choose(page, 'claim-level', '5 星');
    await page.locator('[data-testid=claim-year] input, input[data-testid=claim-year]').first().fill('2024');
    await page.locator('[data-testid=claim-title]').fill(CLAIM.title);
    // Too short first: the form says so before anything is sent.
    await page.locator('[data-testid=claim-evidence]').fill('文件');
    await page.locator('[data-testid=claim-form-submit]').click();
    await form.getByText('证明材料须为4–300字').waitFor();
    await page.locator('[data-testid=claim-evidence]').fill(CLAIM.evidence);
    await form.getByText('证明材料须为4–300字').waitFor({ state: 'hidden' });
    await page.screenshot({ path: `${SCREENSHOTS}e2e-claim-form.png` });
    await page.locator('[data-testid=claim-form-submit]').click();

    const row = page.locator('[data-testid=claims-table] tr.ant-table-row', { hasText: CLAIM.title });
    await row.waitFor();
    expect(await row.innerText()).toContain('待核实');
    expect(await row.innerText()).toContain('5 星');
    expect(await row.innerText()).toContain('苏工信数字〔2024〕35号');
    // Not yet a certification.
    expect(await page.locator('[data-testid=certs-table]').innerText()).not.toContain(CLAIM.title);
    await screenshot(page, 'claim-pending');

    const file = await read(id, 'qiye');
    expect(file.certificationClaims).toEqual([expect.objectContaining({ kind: 'cloud', level: '5', title: CLAIM.title, status: 'pending' })]);
    expect(file.certifications.some((c) => c.title === CLAIM.title)).toBe(false);
    expect(pageErrors(page)).toEqual([]);
  });

  it('the 宝应县 officer confirms it from the queue; the file then lists it among its certifications', async () => {
    const id = await qiyeEnterprise();
    const baoying = await login(h.t.app, 'baoying');
    const queue = (await baoying.request('GET', '/api/v1/certification-claims')).json() as (Claim & { enterpriseName: string })[];
    const claim = queue.find((c) => c.title === CLAIM.title)!;
    expect(claim).toBeDefined();
    const versionBefore = (await read(id)).version;

    const page = track(await signIn(h, 'baoying'));
    expect(await page.locator('[data-testid=side-menu]').innerText()).toContain('待核实认定');
    await page.locator('[data-testid=side-menu]').getByText('企业档案').click();
    const badge = page.locator('[data-testid=claims-badge] .ant-badge-count');
    await badge.waitFor();
    expect(await badge.getAttribute('title')).toBe(String(queue.length));
    await page.locator('[data-testid=open-claims]').click();
    const row = page.locator(`[data-testid=claim-queue-table] tr[data-row-key="${claim.id}"]`);
    await row.waitFor();
    const text = await row.innerText();
    for (const part of [claim.enterpriseName, '星级上云', '5 星', CLAIM.title, '2024', CLAIM.evidence, '宝应县']) expect(text).toContain(part);
    expect(await page.locator('[data-testid=claim-queue-table] tr.ant-table-row').count()).toBe(queue.length);
    await screenshot(page, 'claim-queue');

    await page.locator(`[data-testid=claim-confirm-${claim.id}]`).click();
    await page.locator(`[data-testid=claim-confirm-ok-${claim.id}]`).click();
    await page.getByText('已确认,已计入企业档案').waitFor();
    await row.waitFor({ state: 'detached' });

    const after = await read(id);
    expect(after.certifications).toContainEqual({ kind: 'cloud', level: '5', title: CLAIM.title, year: 2024 });
    expect(after.certificationClaims?.some((c) => c.id === claim.id)).toBe(false);
    expect(after.version).toBe(versionBefore + 1);

    await page.goto(`${h.base}/enterprises/${id}`);
    const cert = page.locator('[data-testid=certs-table] tr.ant-table-row', { hasText: CLAIM.title });
    await cert.waitFor();
    expect(await cert.innerText()).toContain('星级上云');
    expect(await cert.innerText()).toContain('5 星');
    expect(await page.locator('[data-testid=certs-table] tr.ant-table-row').count()).toBe(after.certifications.length);
    await screenshot(page, 'claim-confirmed');
    expect(pageErrors(page)).toEqual([]);
  });

  it('the officer rejects a claim on the file page with a reason, which the enterprise then reads', async () => {
    const id = await qiyeEnterprise();
    const qiye = await login(h.t.app, 'qiye');
    const submitted = await qiye.request('POST', `/api/v1/enterprises/${id}/certification-claims`, {
      kind: 'integration', level: '3A', title: '两化融合管理体系AAA级评定', year: 2023, evidence: '证书编号 AIITRE-00323IIIMS0123401',
    });
    expect(submitted.statusCode, submitted.body).toBe(201);
    const claim = submitted.json() as Claim;

    const page = track(await signIn(h, 'baoying', { at: `/enterprises/${id}` }));
    await page.locator(`[data-testid=claim-reject-${claim.id}]`).click();
    await page.locator('[data-testid=claim-reject-modal-ok]').click();
    await page.locator('[data-testid=claim-reject-modal]').getByText('驳回理由须为2–500字').waitFor();
    await page.locator('[data-testid=claim-reject-modal-reason]').fill('证书编号在认证机构官网查询不到,请补充证书扫描件');
    await page.locator('[data-testid=claim-reject-modal-ok]').click();
    await page.getByText('已驳回该认定申请').waitFor();
    const row = page.locator('[data-testid=claims-table] tr.ant-table-row', { hasText: '两化融合管理体系AAA级评定' });
    await row.getByText('已驳回').waitFor();

    const file = await read(id, 'qiye');
    expect(file.certificationClaims).toContainEqual(expect.objectContaining({ id: claim.id, status: 'rejected', reviewNote: '证书编号在认证机构官网查询不到,请补充证书扫描件' }));
    expect(file.certifications.some((c) => c.title === '两化融合管理体系AAA级评定')).toBe(false);

    const own = track(await signIn(h, 'qiye', { at: `/enterprises/${id}` }));
    const mine = own.locator('[data-testid=claims-table] tr.ant-table-row', { hasText: '两化融合管理体系AAA级评定' });
    await mine.waitFor();
    expect(await mine.innerText()).toContain('请补充证书扫描件');
    expect(await own.locator('[data-testid^=claim-confirm-]').count()).toBe(0);
    await own.locator('[data-testid=claims-card]').screenshot({ path: `${SCREENSHOTS}e2e-claim-rejected.png` });
    expect(pageErrors(page)).toEqual([]);
    expect(pageErrors(own)).toEqual([]);
  });
});

describe('a Suzhou officer', () => {
  it('sees that the assessment does not cover 昆山, with no upload box and no retry', async () => {
    const kunshan = await login(h.t.app, 'kunshan');
    const res = await kunshan.request('GET', '/api/v1/assessment/2022/scores?quarter=4');
    expect(res.statusCode).toBe(403);
    const body = res.json() as { message: string; details: { notAssessed: boolean } };
    expect(body.details.notAssessed).toBe(true);

    const page = track(await signIn(h, 'kunshan'));
    await page.locator('[data-testid=side-menu]').getByText('考核评分').click();
    const info = page.locator('[data-testid=assessment-not-assessed]');
    await info.waitFor();
    expect(await info.innerText()).toContain(body.message);
    expect(await info.innerText()).toContain('昆山');
    expect(await page.locator('[data-testid=project-import]').count()).toBe(0);
    expect(await page.getByRole('button', { name: /重\s*试/ }).count()).toBe(0);
    expect(await page.locator('.ant-alert-error').count()).toBe(0);
    await screenshot(page, 'assessment-not-assessed');
    expect(pageErrors(page)).toEqual([]);
  });

  it('asks for the transfer of an enterprise filed elsewhere; the city approves it and the file moves', async () => {
    const qiyeId = await qiyeEnterprise();
    const [target] = await h.t.database.db.select().from(enterprises)
      .where(and(eq(enterprises.regionId, 'yz-gaoyou'), ne(enterprises.id, qiyeId))).limit(1);
    expect(target).toBeDefined();

    const page = track(await signIn(h, 'kunshan', { at: '/enterprises/new' }));
    await page.locator('[data-testid=field-uscc]').fill(target!.uscc);
    await page.locator('[data-testid=field-name]').fill('昆山迁入精密制造有限公司');
    await page.locator('[data-testid=field-industryCode]').fill('C3484');
    await page.locator('[data-testid=form-submit]').click();
    const error = page.locator('[data-testid=form-error]');
    await error.waitFor();
    // Neutral: neither the enterprise's name nor its region is revealed.
    expect(await error.innerText()).toContain('不在本地区管辖范围内');
    expect(await error.innerText()).not.toContain(target!.name);
    expect(await error.innerText()).not.toContain('高邮');
    await page.locator('[data-testid=transfer-request-open]').click();
    await page.locator('[data-testid=transfer-request-form]').waitFor();
    expect(await page.locator('[data-testid=transfer-uscc]').inputValue()).toBe(target!.uscc);
    await page.locator('[data-testid=transfer-reason]').fill('该企业已于2024年3月将注册地和生产经营地迁至昆山市玉山镇');
    await page.screenshot({ path: `${SCREENSHOTS}e2e-transfer-request.png` });
    await page.locator('[data-testid=transfer-request-submit]').click();

    await page.locator('[data-testid=transfer-page]').waitFor();
    const mine = page.locator('[data-testid=transfer-table] tr.ant-table-row', { hasText: target!.uscc });
    await mine.waitFor();
    expect(await mine.innerText()).toContain('批准后可见');
    expect(await mine.innerText()).toContain('待处理');
    expect(await mine.innerText()).not.toContain(target!.name);
    await screenshot(page, 'transfers-officer');

    const kunshan = await login(h.t.app, 'kunshan');
    const listed = (await kunshan.request('GET', '/api/v1/enterprise-transfers')).json() as Transfer[];
    const transfer = listed.find((x) => x.uscc === target!.uscc)!;
    expect(transfer).toMatchObject({ status: 'pending', enterpriseName: null, toRegionId: 'sz-kunshan' });

    const admin = track(await signIn(h, 'admin'));
    await admin.locator('[data-testid=side-menu]').getByText('企业档案').click();
    const pending = (await (await login(h.t.app, 'admin')).request('GET', '/api/v1/enterprise-transfers?status=pending')).json() as Transfer[];
    const badge = admin.locator('[data-testid=transfers-badge] .ant-badge-count');
    await badge.waitFor();
    expect(await badge.getAttribute('title')).toBe(String(pending.length));
    await admin.locator('[data-testid=open-transfers]').click();
    const row = admin.locator(`[data-testid=transfer-table] tr[data-row-key="${transfer.id}"]`);
    await row.waitFor();
    expect(await row.innerText()).toContain(target!.name);
    expect(await row.innerText()).toContain('高邮市');
    expect(await row.innerText()).toContain('昆山市');
    await screenshot(admin, 'transfers-admin');
    await admin.locator(`[data-testid=transfer-approve-${transfer.id}]`).click();
    await admin.locator(`[data-testid=transfer-approve-ok-${transfer.id}]`).click();
    await admin.getByText('已批准,企业档案已划转').waitFor();
    await row.getByText('已批准').waitFor();

    const [moved] = await h.t.database.db.select().from(enterprises).where(eq(enterprises.id, target!.id));
    expect(moved!.regionId).toBe('sz-kunshan');
    // Now the officer's: the name shows and links to the file.
    await page.reload();
    await mine.getByText(target!.name).waitFor();
    expect(await mine.innerText()).toContain('已批准');
    expect(pageErrors(page)).toEqual([]);
    expect(pageErrors(admin)).toEqual([]);
  });
});

describe('enterprise import preview', () => {
  async function exportedRows(as: string, regionId: string): Promise<string[][]> {
    const res = await (await login(h.t.app, as)).request('GET', `/api/v1/enterprises/export?regionId=${regionId}`);
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    return sheetRows(wb);
  }
  const sheetRows = (wb: InstanceType<typeof ExcelJS.Workbook>) => {
    const rows: string[][] = [];
    wb.worksheets[0]!.eachRow((r) => rows.push((r.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))));
    return rows;
  };
  const toFile = async (rows: string[][]) => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('企业');
    for (const r of rows) ws.addRow(r);
    return Buffer.from(await wb.xlsx.writeBuffer());
  };
  const col = (key: string) => COLUMNS.findIndex((c) => c.key === key);

  it('lists the files a checked workbook changes, field by field, and imports after a confirmation', async () => {
    const rows = await exportedRows('baoying', 'yz-baoying');
    expect(rows[0]!.at(-1)).toBe('档案版本(请勿修改)');
    const target = rows[1]!;
    const oldPhone = target[col('contactPhone')]!;
    target[col('contactPhone')] = '0514-88261234';
    target[col('address')] = '宝应县安宜镇叶挺路88号';

    const page = track(await signIn(h, 'baoying'));
    await page.locator('[data-testid=side-menu]').getByText('档案导入').click();
    await page.locator('[data-testid=enterprise-import] input[type=file]').setInputFiles({ name: '宝应县企业档案.xlsx', mimeType: XLSX_MIME, buffer: await toFile(rows) });
    await page.locator('[data-testid=import-check]').click();
    const changes = page.locator('[data-testid=import-changes]');
    await changes.waitFor();

    const baoying = await login(h.t.app, 'baoying');
    const dry = await baoying.request('POST', '/api/v1/enterprises/import?dryRun=true', await toFile(rows), { 'content-type': XLSX_MIME });
    const report = dry.json() as { changesTotal: number; updated: number; changes: { uscc: string; fields: { label: string; before: string; after: string }[] }[] };
    expect(report.changesTotal).toBe(1);
    expect(await changes.innerText()).toContain(`导入将修改 ${report.changesTotal} 家已有企业的档案`);
    const line = changes.locator('tr.ant-table-row', { hasText: target[0]! });
    const text = await line.innerText();
    expect(text).toContain(target[col('name')]!);
    for (const f of report.changes[0]!.fields) {
      expect(text).toContain(f.label);
      if (f.after) expect(text).toContain(f.after);
    }
    expect(report.changes[0]!.fields.map((f) => f.label).sort()).toEqual(['地址', '联系电话']);
    if (oldPhone) expect(text).toContain(oldPhone);
    expect(await page.locator('[data-testid=import-summary]').innerText()).toContain(`更新 ${report.updated} 家`);
    await page.locator('[data-testid=import-report]').scrollIntoViewIfNeeded();
    await screenshot(page, 'import-changes');

    await page.locator('[data-testid=import-commit]').click();
    const confirm = page.locator('.ant-modal-confirm');
    await confirm.getByText('本次导入将修改 1 家已有企业的档案').waitFor();
    await confirm.locator('.ant-btn-primary').click();
    await page.locator('[data-testid=import-report]').getByText('导入完成').waitFor();
    const [saved] = await h.t.database.db.select().from(enterprises).where(eq(enterprises.uscc, target[0]!));
    expect(saved).toMatchObject({ contactPhone: '0514-88261234', address: '宝应县安宜镇叶挺路88号' });
    expect(pageErrors(page)).toEqual([]);
  });

  it('refuses a row exported before a newer edit on its 档案版本 column', async () => {
    const rows = await exportedRows('baoying', 'yz-baoying');
    const target = rows[2]!;
    const [file] = await h.t.database.db.select().from(enterprises).where(eq(enterprises.uscc, target[0]!));
    const admin = await login(h.t.app, 'admin');
    expect((await admin.request('PATCH', `/api/v1/enterprises/${file!.id}`, { contactName: '周主任', version: file!.version })).statusCode).toBe(200);
    target[col('address')] = '宝应县城南新区1号';

    const page = track(await signIn(h, 'baoying', { at: '/enterprises/import' }));
    // 导出当前档案作为模板 is an export job of the officer's whole file: the same rows, with the 档案版本 column.
    const downloading = page.waitForEvent('download');
    await page.locator('[data-testid=export-start]').getByText('导出当前档案作为模板').click();
    const template = new ExcelJS.Workbook();
    await template.xlsx.readFile((await (await downloading).path())!);
    const templateRows = sheetRows(template);
    expect(templateRows.map((r) => r[0]).sort()).toEqual(rows.map((r) => r[0]).sort());
    expect(templateRows[0]!.at(-1)).toBe('档案版本(请勿修改)');
    await page.locator('[data-testid=enterprise-import] input[type=file]').setInputFiles({ name: '旧导出.xlsx', mimeType: XLSX_MIME, buffer: await toFile(rows) });
    await page.locator('[data-testid=import-check]').click();
    const error = page.locator('[data-testid=import-errors] tr.ant-table-row').first();
    await error.waitFor();
    const text = await error.innerText();
    expect(text).toContain('档案版本(请勿修改)');
    expect(text).toContain(file!.name);
    expect(await page.locator('[data-testid=import-changes]').count()).toBe(0);
    await screenshot(page, 'import-stale-row');
    const [after] = await h.t.database.db.select().from(enterprises).where(eq(enterprises.id, file!.id));
    expect(after).toMatchObject({ contactName: '周主任', address: file!.address });
    expect(pageErrors(page)).toEqual([]);
  });

  it('a large workbook imports as a job: the page shows its progress, and the recent imports list it with its counts and report', async () => {
    const before = (await h.t.database.db.select({ id: enterprises.id }).from(enterprises)).length;
    const header = (await exportedRows('baoying', 'yz-baoying'))[0]!;
    const rows = [header, ...Array.from({ length: 4000 }, (_, i) => {
      const e = demoEnterprise(60_000 + i);
      const row = enterpriseToRow(e).map(String);
      row[col('region')] = '宝应县';
      return row;
    })];
    const page = track(await signIn(h, 'baoying'));
    await page.locator('[data-testid=side-menu]').getByText('档案导入').click();
    await page.locator('[data-testid=enterprise-import] input[type=file]').setInputFiles({ name: '宝应县新建档案.xlsx', mimeType: XLSX_MIME, buffer: await toFile(rows) });
    await page.locator('[data-testid=import-commit]').click();
    await page.locator('[data-testid=import-job-progress]').waitFor();
    await screenshot(page, 'import-job-progress');
    await page.locator('[data-testid=import-report]').getByText('导入完成').waitFor({ timeout: 60_000 });
    expect(await page.locator('[data-testid=import-summary]').innerText()).toContain('新增 4,000 家');
    expect((await h.t.database.db.select({ id: enterprises.id }).from(enterprises)).length).toBe(before + 4000);
    const recent = page.locator('[data-testid=import-jobs]');
    await recent.getByText('宝应县新建档案.xlsx').waitFor();
    const line = recent.locator('tr.ant-table-row', { hasText: '宝应县新建档案.xlsx' });
    expect(await line.innerText()).toContain('已导入');
    expect(await line.innerText()).toContain('新增 4,000 家');
    await recent.scrollIntoViewIfNeeded();
    await screenshot(page, 'import-job-done');
    expect(pageErrors(page)).toEqual([]);
  }, 120_000);
});
