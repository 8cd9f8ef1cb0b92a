// The money path in a real browser against the real server, each role doing its part on its own
// pages: the enterprise `qiye` applies for 智能化改造 (扬州 附件1 二(一)) with 2,500万元 of
// investment, uploads a PDF per evidence item and submits; `baoying` passes 县区初审 (checking each
// file); `reviewer` passes 市级复审; `admin` publishes the 公示 batch; the period closes (the
// server's closing job, run here with a date after the period); `finance` sets up the 2023 city fund
// of 1亿元; `admin` reads the preview, is refused above the engine's maximum and approves 325万元;
// `baoying` records 验收 with its evidence; `finance` pays 325万元 with a voucher and downloads the
// payments workbook. Every figure shown is compared with the API's answer; screenshots of each
// role's main page go to test-results/e2e-flow-*.png.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { users } from '../../src/db/schema/core.ts';
import ExcelJS from '../../src/lib/exceljs.ts';
import { readFileSync } from 'node:fs';
import { closePublicityPeriods } from '../../src/use-cases/publicity/close-due-batches.ts';
import { fenToDecimal, formatMoney, parseFen } from '../../web/src/lib/format.ts';
import { type Client, login } from '../helpers/app.ts';
import { chooseOption, pageErrors, SCREENSHOTS, screenshot, signIn, startWeb, type WebHarness, pagesGivenBackAfterEach } from './browser.ts';

// The parts of the API's answers the test compares.
interface AppView {
  id: string; number: string; status: string; currentStep: { id: string; name: string; kind: string } | null; minFen: number; maxFen: number | null;
  approvedFen: number | null; disbursedFen: number; acceptance: string; version: number; enterpriseName: string;
}
interface Detail {
  application: AppView;
  evidence: { id: string; label: string; stage: string; files: { id: string; status: string }[] }[];
  preview: { funds: { level: string; remainingFen: number | null }[]; targetEffect: { target: number; done: number; after: number } | null; openObjections: number } | null;
  history: { action: string; stepName: string | null; opinion: string | null }[];
}
interface Fund { id: string; name: string; budgetFen: number; committedFen: number; disbursedFen: number; remainingFen: number; floorWarning: string | null }

let h: WebHarness;
const clients = new Map<string, Client>();
beforeAll(async () => { h = await startWeb({ enterprises: 30, businessDate: '2023-06-01' }); });
afterAll(async () => { await h?.close(); });

const track = pagesGivenBackAfterEach();

async function as(username: string): Promise<Client> {
  let c = clients.get(username);
  if (!c) { c = await login(h.t.app, username); clients.set(username, c); }
  return c;
}
async function detail(id: string, username = 'admin'): Promise<Detail> {
  const res = await (await as(username)).request('GET', `/api/v1/applications/${id}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Detail;
}
async function cityFund(): Promise<Fund | undefined> {
  const res = await (await as('finance')).request('GET', '/api/v1/funds?city=yangzhou&year=2023');
  return (res.json() as (Fund & { level: string })[]).find((f) => f.level === 'city');
}

const PDF = (tag: string) => Buffer.from(`%PDF-1.4\n% ${tag}\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n`);

/** Opens an antd Select by its test id and picks the option with this label. */
const choose = (page: Page, testId: string, label: string) => chooseOption(page, page.locator(`[data-testid=${testId}]`), label);

/** Uploads one PDF per evidence item of the stage, as the user would, one after the other. */
async function uploadAll(page: Page, d: Detail, stage: 'application' | 'acceptance', tag: string) {
  for (const item of d.evidence.filter((e) => e.stage === stage)) {
    const row = page.locator(`[data-testid=evidence-${stage}] [data-testid=evidence-item-${item.id}]`);
    await row.locator('input[type=file]').setInputFiles({ name: `${item.label}.pdf`, mimeType: 'application/pdf', buffer: PDF(`${tag}-${item.id}`) });
    await row.locator('[data-testid=evidence-download]').first().waitFor();
  }
}

/** A full-page screenshot from the top (the action panel is sticky: it would follow the scroll). */
async function shot(page: Page, name: string) {
  await page.evaluate("window.scrollTo(0, 0); for (const el of document.querySelectorAll('.zgsz-sticky')) el.scrollTop = 0;");
  // Toasts of the last action would cover the header.
  const style = await page.addStyleTag({ content: '.ant-message { display: none !important; }' });
  await screenshot(page, name);
  await style.evaluate((el) => el.remove());
}

async function openFromMenu(page: Page, label: string, ready: string) {
  await page.locator('[data-testid=side-menu]').getByText(label, { exact: true }).click();
  await page.locator(ready).first().waitFor();
}

let id = '';
let number = '';

describe('amounts typed in 万元 or 元 become exact integer fen', () => {
  it('parses the decimal string by digits, never as a binary fraction', () => {
    expect(parseFen('2500', '万元')).toBe(2_500_000_000);
    expect(parseFen('325', '万元')).toBe(325_000_000);
    expect(parseFen('0.07', '元')).toBe(7);
    expect(parseFen('1,234.56', '元')).toBe(123_456);
    expect(parseFen('325.000001', '万元')).toBe(325_000_001);
    expect(parseFen('0.1', '万元')).toBe(100_000);
    expect(parseFen('1.005', '元')).toBeNull();
    expect(parseFen('-1', '元')).toBeNull();
    expect(parseFen('1e3', '元')).toBeNull();
    expect(fenToDecimal(325_000_000, '万元')).toBe('325');
    expect(fenToDecimal(100_000_001, '万元')).toBe('100.000001');
  });
});

describe('申报 → 审核 → 公示 → 批准 → 验收 → 拨付 in the browser', () => {
  it('the enterprise fills the generated form, saves a draft with the engine\'s estimate, uploads each item and submits', async () => {
    const page = track(await signIn(h, 'qiye'));
    // Every page says it runs on a demo date.
    expect(await page.locator('[data-testid=demo-date]').innerText()).toBe('演示日期 2023-06-01');
    const menu = await page.locator('[data-testid=side-menu]').innerText();
    expect(menu).toContain('项目申报');
    expect(menu).toContain('我的申请');
    for (const other of ['待办审核', '公示管理', '资金管理', '资金拨付']) expect(menu).not.toContain(other);

    await openFromMenu(page, '项目申报', '[data-testid=apply-page]');
    // The policy in force is known once the policy list has loaded.
    await expect.poll(() => page.locator('[data-testid=apply-policy]').innerText(), { timeout: 10_000 }).toContain('扬府发〔2022〕20号');
    await choose(page, 'apply-measure', '智能化改造项目补助');
    await page.locator('[data-testid=apply-form]').waitFor();
    // The applicant type comes from the file: shown, locked, never typed.
    expect(await page.locator('[data-testid=apply-form]').innerText()).toContain('由企业档案中经核实的信息确定');
    expect(await page.locator('[data-testid=apply-measure-text]').innerText()).toContain('最高600万元');
    // An empty amount is refused before anything is sent.
    await page.locator('[data-testid=apply-save]').click();
    await page.getByText('请填写“项目:年智能制造设备、软件和技术服务投资额”').waitFor();
    await page.locator('[data-testid="fact-projects.annual_investment"]').fill('2500');
    await shot(page, 'flow-1-apply-form');
    await page.locator('[data-testid=apply-save]').click();

    await page.locator('[data-testid=application-detail]').waitFor();
    id = page.url().split('/applications/')[1]!;
    let d = await detail(id, 'qiye');
    number = d.application.number;
    expect(number).toMatch(/^YZ-2023-\d{6}$/);
    expect(d.application).toMatchObject({ status: 'draft', minFen: 0, maxFen: 325_000_000 });
    expect(await page.locator('[data-testid=application-number]').innerText()).toBe(number);
    // 附件1 二(一): 不高于投资额13%、最高600万元 — a bound with no floor reads as the text words it (issue 9 item 5).
    expect(await page.locator('[data-testid=estimate]').innerText()).toBe('最高可获 325万元');
    const explanation = await page.locator('[data-testid=explanation]').innerText();
    for (const part of ['附件1 二(一)', '2,500万元', '不高于13%', '0~325万元', '由市级财政承担']) expect(explanation).toContain(part);
    expect(await page.locator('[data-testid=facts-card]').innerText()).toContain('2500万元');

    await uploadAll(page, d, 'application', 'flow');
    d = await detail(id, 'qiye');
    expect(d.evidence.filter((e) => e.stage === 'application').every((e) => e.files.length === 1)).toBe(true);
    await shot(page, 'flow-2-draft-with-evidence');

    await page.locator('[data-testid=submit-application]').click();
    await page.locator('[data-testid=submit-confirm]').click();
    await page.locator('[data-testid=current-state]', { hasText: '待“县区初审”办理' }).waitFor();
    d = await detail(id, 'qiye');
    expect(d.application).toMatchObject({ status: 'in_review', currentStep: { id: 'county-review' } });

    await openFromMenu(page, '我的申请', `[data-testid=open-${number}]`);
    const row = await page.locator('[data-testid=application-table] tr', { hasText: number }).innerText();
    expect(row).toContain('审核中');
    expect(row).toContain('县区初审');
    expect(row).toContain('最高可获 325万元');
    await shot(page, 'flow-3-enterprise-list');
    expect(pageErrors(page)).toEqual([]);
  });

  it('宝应县 finds it in its queue, checks every file and passes 县区初审', async () => {
    const page = track(await signIn(h, 'baoying'));
    await openFromMenu(page, '待办审核', `[data-testid=open-${number}]`);
    expect(await page.locator('[data-testid=todo-badge]').innerText()).toContain('1');
    expect(await page.locator('[data-testid=application-table] tr', { hasText: number }).innerText()).toContain('县区初审');
    await shot(page, 'flow-4-county-queue');
    await page.locator(`[data-testid=open-${number}]`).click();
    await page.locator('[data-testid=review-actions]').waitFor();

    const before = await detail(id);
    for (const item of before.evidence.filter((e) => e.stage === 'application')) {
      const file = item.files[0]!;
      await page.locator(`[data-testid=evidence-accept-${file.id}]`).click();
      await page.locator(`[data-testid=evidence-file-${file.id}]`, { hasText: '通过' }).locator('.ant-tag-success').waitFor();
    }
    expect((await detail(id)).evidence.flatMap((e) => e.files).every((f) => f.status === 'accepted')).toBe(true);

    await page.locator('[data-testid=review-opinion]').fill('经现场核查,投资额与专项审计报告一致');
    await shot(page, 'flow-5-county-review');
    await page.locator('[data-testid=approve]').click();
    await page.locator('[data-testid=current-state]', { hasText: '待“市级复审”办理' }).waitFor();
    const d = await detail(id);
    expect(d.application.currentStep).toMatchObject({ id: 'city-review', name: '市级复审' });
    expect(d.history.at(-1)).toMatchObject({ action: 'approve', stepName: '县区初审', opinion: '经现场核查,投资额与专项审计报告一致' });
    expect(await page.locator('[data-testid=history]').innerText()).toContain('经现场核查,投资额与专项审计报告一致');
    expect(pageErrors(page)).toEqual([]);
  });

  it('the city reviewer passes 市级复审; the application then waits for 公示', async () => {
    const page = track(await signIn(h, 'reviewer'));
    await openFromMenu(page, '待办审核', `[data-testid=open-${number}]`);
    await page.locator(`[data-testid=open-${number}]`).click();
    await page.locator('[data-testid=review-actions]').waitFor();
    // The city reviewer has no approval amount to set on this step.
    expect(await page.locator('[data-testid=approval-form]').count()).toBe(0);
    await page.locator('[data-testid=review-opinion]').fill('同意,提交公示');
    await page.locator('[data-testid=approve]').click();
    await page.locator('[data-testid=current-state]', { hasText: '待“公示”办理' }).waitFor();
    expect((await detail(id)).application).toMatchObject({ status: 'in_review', currentStep: { id: 'publicity', kind: 'publicity' } });
    expect(pageErrors(page)).toEqual([]);
  });

  it('the city admin publishes the 公示 batch, with its register and printable notice', async () => {
    const page = track(await signIn(h, 'admin'));
    await openFromMenu(page, '公示管理', '[data-testid=publicity-candidates]');
    const row = page.locator(`[data-testid=candidate-table] tr[data-row-key="${id}"]`);
    await row.waitFor();
    expect(await row.innerText()).toContain('最高可获 325万元');
    await row.locator('input[type=checkbox]').check();
    await page.locator('[data-testid=publicity-title]').fill('2023年扬州市智改数转专项资金拟支持项目公示');
    await page.locator('[data-testid=publicity-contact]').fill('扬州市工信局技术改造处,电话 0514-87360000');
    await shot(page, 'flow-6-publicity-select');
    await page.locator('[data-testid=publish]').click();
    await page.locator('[data-testid=publish-confirm]').click();
    await page.getByText('已发布公示,公示期 2023-06-01 至 2023-06-07').waitFor();

    const batches = (await (await as('admin')).request('GET', '/api/v1/publicity?city=yangzhou')).json() as { id: string; title: string; startsOn: string; endsOn: string; status: string }[];
    const batch = batches.find((b) => b.title === '2023年扬州市智改数转专项资金拟支持项目公示')!;
    expect(batch).toMatchObject({ startsOn: '2023-06-01', endsOn: '2023-06-07', status: 'open' });
    expect((await detail(id)).application.status).toBe('in_publicity');

    await page.locator(`[data-testid=batch-${batch.id}]`).click();
    await page.locator('[data-testid=batch-items]').waitFor();
    const items = await page.locator('[data-testid=batch-items]').innerText();
    for (const part of [number, (await detail(id)).application.enterpriseName, '宝应县', '0~325万元']) expect(items).toContain(part);
    expect(await page.locator('[data-testid=open-notice]').getAttribute('href')).toBe(`/api/v1/publicity/${batch.id}/notice`);
    const notice = await page.request.get(`${h.base}/api/v1/publicity/${batch.id}/notice`);
    expect(await notice.text()).toContain(number);
    await page.locator('[data-testid=record-objection]').waitFor();
    await shot(page, 'flow-7-publicity-batch');
    expect(pageErrors(page)).toEqual([]);

    // The period ends: the server's closing job moves the application on to 批准.
    expect(await closePublicityPeriods(h.t.database.db, '2023-06-08')).toBe(1);
    expect((await detail(id)).application).toMatchObject({ status: 'in_review', currentStep: { id: 'approval', kind: 'approval' } });
  });

  it('finance sets up the 2023 扬州 city fund of 1亿元', async () => {
    // The region's 附件2 targets for 2023 (as 2022's), so the approval shows and the payment counts its effect.
    const admin = await as('admin');
    const targets = (await admin.request('GET', '/api/v1/assessment/2022/targets')).json() as { regions: Record<string, unknown>[] };
    const put = await admin.request('PUT', '/api/v1/assessment/2023/targets', {
      regions: targets.regions.map((r) => ({ regionId: r.regionId, retrofit: r.retrofit, cloud: r.cloud, portrait: r.portrait, benchmark: r.benchmark, coveragePercent: r.coveragePercent })),
    });
    expect(put.statusCode, put.body).toBe(200);

    const page = track(await signIn(h, 'finance'));
    await openFromMenu(page, '资金管理', '[data-testid=funds-page]');
    await page.locator('[data-testid=create-fund]').click();
    await page.locator('[data-testid=create-fund-form]').waitFor();
    await page.locator('[data-testid=fund-budget]').fill('10000');
    await page.locator('[data-testid=create-fund-ok]').click();
    await page.getByText('已设立 2023年扬州市智改数转专项资金').waitFor();
    const fund = (await cityFund())!;
    expect(fund).toMatchObject({ name: '2023年扬州市智改数转专项资金', budgetFen: 100_000_000_00, committedFen: 0, floorWarning: null });
    const row = page.locator('[data-testid=fund-table] tr', { hasText: fund.name });
    await row.waitFor();
    expect(await row.innerText()).toContain(formatMoney(fund.budgetFen));
    expect(formatMoney(fund.budgetFen)).toBe('10,000 万元');
    expect(await row.innerText()).toContain('符合规模要求');
    expect(pageErrors(page)).toEqual([]);
  });

  it('the city admin reads the preview, is refused above the engine\'s maximum, and approves 325万元', async () => {
    const api = await detail(id);
    expect(api.preview).toMatchObject({ funds: [{ level: 'city', remainingFen: 100_000_000_00 }], openObjections: 0 });
    const page = track(await signIn(h, 'admin'));
    await openFromMenu(page, '待办审核', `[data-testid=open-${number}]`);
    await page.locator(`[data-testid=open-${number}]`).click();
    await page.locator('[data-testid=approval-preview]').waitFor();

    // Before anything is typed: the fund's remaining budget, the range, evidence, objections, the target.
    expect(await page.locator('[data-testid=preview-remaining-city]').innerText()).toBe(formatMoney(api.preview!.funds[0]!.remainingFen!));
    expect(await page.locator('[data-testid=preview-range]').innerText()).toContain('最高可获 325万元');
    expect(await page.locator('[data-testid=preview-evidence]').innerText()).toContain('通过 5');
    expect(await page.locator('[data-testid=preview-objections]').innerText()).toContain('无未处理的异议');
    expect(await page.locator('[data-testid=preview-duplicates]').innerText()).toContain('未发现');
    const target = api.preview!.targetEffect!;
    expect(target).toBeTruthy();
    const targetText = await page.locator('[data-testid=preview-target]').innerText();
    expect(targetText).toContain('宝应县');
    expect(targetText.replace(/\s+/g, '')).toContain(`${target.done}→${target.after}`);

    // One fen above the maximum: the preview flags it and the server refuses, naming the limit.
    await page.locator('[data-testid=approve-amount]').fill('325.000001');
    await page.locator('[data-testid=preview-range] .zgsz-preview-bad').waitFor();
    await page.locator('[data-testid=approve]').click();
    await page.locator('[data-testid=approve-confirm]').click();
    const refusal = page.locator('[data-testid=review-actions] [role=alert]');
    await refusal.waitFor();
    expect(await refusal.innerText()).toContain('未能批准');
    expect(await refusal.innerText()).toContain('325万元');
    expect((await detail(id)).application.status).toBe('in_review');

    await page.locator('[data-testid=fill-max]').click();
    expect(await page.locator('[data-testid=approve-amount]').inputValue()).toBe('325');
    await refusal.waitFor({ state: 'detached' });
    expect((await page.locator('[data-testid=preview-fund-city]').innerText()).replace(/\s+/g, ' ')).toContain(`批准后剩余 ${formatMoney(100_000_000_00 - 325_000_000)}`);
    await page.locator('[data-testid=review-opinion]').fill('同意按测算上限支持');
    await shot(page, 'flow-8-approval-preview');
    await page.locator('[data-testid=approve]').click();
    await page.locator('[data-testid=approve-confirm]').click();
    await page.locator('[data-testid=approved-amount]', { hasText: '325 万元' }).waitFor();

    const after = await detail(id);
    expect(after.application).toMatchObject({ status: 'approved', approvedFen: 325_000_000, acceptance: 'none' });
    expect(await page.locator('[data-testid=approved-amount]').innerText()).toBe(formatMoney(after.application.approvedFen!));
    expect(await cityFund()).toMatchObject({ committedFen: 325_000_000, disbursedFen: 0, remainingFen: 100_000_000_00 - 325_000_000 });
    expect(pageErrors(page)).toEqual([]);
  });

  it('宝应县 uploads the 验收 evidence and records 验收通过', async () => {
    const page = track(await signIn(h, 'baoying', { at: `/applications/${id}` }));
    await page.locator('[data-testid=acceptance-actions]').waitFor();
    await uploadAll(page, await detail(id, 'baoying'), 'acceptance', 'flow-acceptance');
    await page.getByText('验收材料已齐(2 项)').waitFor();
    await page.locator('[data-testid=acceptance-note]').fill('项目已建成投用,现场核查属实');
    await shot(page, 'flow-9-acceptance');
    await page.locator('[data-testid=record-acceptance]').click();
    await page.locator('[data-testid=acceptance-confirm]').click();
    await page.locator('[data-testid=current-state]', { hasText: '已批准,验收通过' }).waitFor();
    expect((await detail(id)).application).toMatchObject({ acceptance: 'passed' });
    expect(pageErrors(page)).toEqual([]);
  });

  it('finance pays 325万元 with its voucher; the fund, the list and the workbook agree', async () => {
    const page = track(await signIn(h, 'finance'));
    await openFromMenu(page, '资金拨付', '[data-testid=disbursements-page]');
    const row = page.locator('[data-testid=disbursement-table] tr', { hasText: number });
    await row.waitFor();
    expect(await row.innerText()).toContain('验收通过');
    await page.locator(`[data-testid=disburse-${number}]`).click();
    await page.locator('[data-testid=disburse-modal]').waitFor();
    // What may be paid now is filled in: the approved amount, in 万元.
    expect(await page.locator('[data-testid=disburse-amount]').inputValue()).toBe('325');
    expect(await page.locator('[data-testid=disburse-date]').inputValue()).toBe('2023-06-01');
    await page.locator('[data-testid=disburse-voucher]').fill('YZCZ-2023-0601-001');
    await page.waitForTimeout(400); // the modal's opening animation
    await shot(page, 'flow-10-disburse');
    await page.locator('[data-testid=disburse-ok]').click();
    // The payment counts for the region's 附件2 target: the server says so.
    await page.locator('.ant-modal-confirm', { hasText: '已计入2023年智能化改造项目' }).waitFor();
    await page.locator('.ant-modal-confirm .ant-btn').click();

    const d = await detail(id);
    expect(d.application).toMatchObject({ disbursedFen: 325_000_000 });
    expect(await cityFund()).toMatchObject({ committedFen: 325_000_000, disbursedFen: 325_000_000 });
    await row.locator('td', { hasText: formatMoney(325_000_000) }).first().waitFor();
    expect(await row.innerText()).toContain(formatMoney(d.application.disbursedFen));

    const downloading = page.waitForEvent('download');
    await page.locator('[data-testid=download-payments]').click();
    const file = await downloading;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(await file.path()) as unknown as ArrayBuffer);
    const cells = wb.worksheets[0]!.getRow(3).values as unknown[];
    expect(cells).toContain('YZCZ-2023-0601-001');
    expect(cells).toContain(number);
    await shot(page, 'flow-11-disbursements');

    await openFromMenu(page, '资金管理', '[data-testid=fund-table]');
    const fundRow = await page.locator('[data-testid=fund-table] tr', { hasText: '2023年扬州市智改数转专项资金' }).innerText();
    expect(fundRow).toContain(formatMoney(100_000_000_00 - 325_000_000));
    await page.locator('[data-testid=fund-kpi-disbursed]').getByText(formatMoney(325_000_000)).waitFor();
    await shot(page, 'flow-12-funds');

    await openFromMenu(page, '资金报表', '[data-testid=chart-funds] canvas');
    await page.locator('[data-testid=chart-status] canvas').waitFor();
    expect(await page.locator('[data-testid=report-measures]').innerText()).toContain('智能化改造项目补助');
    expect(await page.locator('[data-testid=report-measures]').innerText()).toContain('325 万元');
    await shot(page, 'flow-13-reports');
    expect(pageErrors(page)).toEqual([]);
  });

  it('the enterprise reads the whole story on its application and its file', async () => {
    const page = track(await signIn(h, 'qiye', { at: `/applications/${id}` }));
    await page.locator('[data-testid=history]').waitFor();
    expect(await page.locator('[data-testid=disbursed-amount]').innerText()).toBe('325 万元');
    const history = await page.locator('[data-testid=history]').innerText();
    for (const part of ['提交申请', '县区初审', '市级复审', '发布公示', '公示期满', '验收通过', '同意按测算上限支持']) expect(history).toContain(part);
    expect(await page.locator('[data-testid=application-ledger]').innerText()).toContain('YZCZ-2023-0601-001');
    await shot(page, 'flow-14-enterprise-detail');

    const [qiye] = await h.t.database.db.select().from(users).where(eq(users.username, 'qiye'));
    await page.goto(`${h.base}/enterprises/${qiye!.enterpriseId}`);
    const card = page.locator('[data-testid=enterprise-applications]');
    await card.locator('tr', { hasText: number }).waitFor();
    expect(await card.locator('tr', { hasText: number }).innerText()).toContain('325 万元');
    expect(await page.locator('[data-testid=enterprise-application-totals]').innerText()).toBe('共 1 项,核定 325 万元,已拨付 325 万元');
    await card.screenshot({ path: `${SCREENSHOTS}e2e-flow-15-enterprise-file.png` });
    expect(pageErrors(page)).toEqual([]);
  });
});
