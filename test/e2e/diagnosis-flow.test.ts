// A diagnosis in a real browser, each role on its own pages: the enterprise `qiye` has asked for a
// 车间 diagnosis; `admin` dispatches it on the dispatch modal (choosing the pooled provider and the
// supervisor); the provider signs, goes on site and fills the on-site assessment (through the API,
// tested in test/diagnosis.test.ts) and then writes the structured report in the browser; the
// enterprise accepts it with a rating; its enterprise file then shows the diagnosis and the
// recommended next step. Screenshots go to test-results/e2e-diag-*.png.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { getInstrument } from '../../src/io/instruments.ts';
import { type Client, login } from '../helpers/app.ts';
import { chooseOption, pageErrors, screenshot, signIn, startWeb, type WebHarness, pagesGivenBackAfterEach } from './browser.ts';

let h: WebHarness;
let admin: Client, qiye: Client, provider: Client, finance: Client;
beforeAll(async () => {
  h = await startWeb({ enterprises: 24, businessDate: '2023-06-01' });
  [admin, qiye, provider, finance] = await Promise.all(['admin', 'qiye', 'provider', 'finance'].map((u) => login(h.t.app, u))) as [Client, Client, Client, Client];
  expect((await finance.request('POST', '/api/v1/funds', { city: 'yangzhou', year: 2023, level: 'city', budgetFen: 120_000_000_00 })).statusCode).toBe(201);
});
afterAll(async () => { await h?.close(); });

const track = pagesGivenBackAfterEach();

const PDF = (tag: string) => Buffer.from(`%PDF-1.4\n% ${tag}\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n`);
const detail = async (id: string) => (await admin.request('GET', `/api/v1/diagnoses/${id}`)).json() as { status: string; version: number; providerName: string | null; enterpriseId: string; number: string; report: { totalInvestmentFen: number } | null; satisfaction: number | null };

const pick = (page: Page, within: string, label: string) => chooseOption(page, page.locator(`${within} .ant-select`).first(), label);

let id = '';

describe('a diagnosis from dispatch to the report in the enterprise file, in the browser', () => {
  it('the city dispatches the enterprise’s request to a pooled provider with a supervisor', async () => {
    const req = await qiye.request('POST', '/api/v1/diagnoses', { scope: 'workshop', need: '装配车间排产依赖人工,希望诊断' });
    expect(req.statusCode).toBe(201);
    id = req.json().id;
    const page = track(await signIn(h, 'admin', { at: `/diagnoses/${id}` }));
    await page.locator('[data-testid=open-dispatch]').click();
    await page.locator('[data-testid=candidates-provider]').getByText('扬州智造诊断咨询有限公司').click();
    await page.locator('[data-testid=candidates-supervisor]').getByText('江苏广陵工程项目监理有限公司').click();
    await page.locator('[data-testid=dispatch-reason]').fill('服务范围与行业匹配,在办任务最少');
    await screenshot(page, 'diag-1-dispatch');
    await page.locator('[data-testid=dispatch-ok]').click();
    await expect.poll(async () => (await detail(id)).status).toBe('dispatched');
    await expect.poll(() => page.locator('[data-testid=diagnosis-status]').first().innerText()).toContain('已派单');
    expect((await detail(id)).providerName).toBe('扬州智造诊断咨询有限公司');
    expect(pageErrors(page)).toEqual([]);
  });

  it('the provider writes the structured report in the browser after signing, going on site and assessing', async () => {
    for (const kind of ['agreement', 'contract']) {
      expect((await provider.request('POST', `/api/v1/diagnoses/${id}/documents?kind=${kind}&name=${kind}.pdf`, PDF(kind), { 'content-type': 'application/pdf' })).statusCode).toBe(201);
    }
    expect((await provider.request('POST', `/api/v1/diagnoses/${id}/contract`, { version: (await detail(id)).version, feeFen: 5_000_000, supervisionFeeFen: 500_000, contractedOn: '2023-06-01' })).statusCode).toBe(200);
    expect((await provider.request('POST', `/api/v1/diagnoses/${id}/start`, { version: (await detail(id)).version, onSiteFrom: '2023-06-01' })).statusCode).toBe(200);
    const inst = getInstrument('miit-sme-2024');
    const answers = Object.fromEntries(inst.questions.map((q) => [q.id, [q.type === 'multi' ? q.options.find((o) => !o.exclusive)!.key : q.options[1]!.key]]));
    const m = await provider.request('POST', '/api/v1/maturity', { instrumentId: 'miit-sme-2024', source: 'diagnosis', diagnosisId: id, answers: { answers, scenes: Object.fromEntries(inst.scenes.map((s) => [s.id, 2])) } });
    expect(m.statusCode, m.body).toBe(201);
    expect((await provider.request('POST', `/api/v1/maturity/${m.json().id}/submit`, { version: m.json().version })).statusCode).toBe(200);
    expect((await provider.request('POST', `/api/v1/diagnoses/${id}/documents?kind=report&name=report.pdf`, PDF('report'), { 'content-type': 'application/pdf' })).statusCode).toBe(201);

    const page = track(await signIn(h, 'provider', { at: `/diagnoses/${id}` }));
    await page.locator('[data-testid=open-report]').click();
    await page.locator('[data-testid=report-summary]').fill('车间处于单点信息化阶段,排产依赖人工经验。');
    await pick(page, '[data-testid=gap-0]', '生产执行数字化');
    await page.locator('[data-testid=gap-0] input').last().fill('计划排程依赖人工,插单响应慢');
    await page.locator('[data-testid=rec-0] input').first().fill('部署 APS 高级排产');
    await pick(page, '[data-testid=rec-0] .ant-col:nth-child(2)', '生产执行数字化');
    await page.locator('[data-testid=rec-0-investment]').fill('80');
    await page.locator('[data-testid=report-effect]').fill('交期达成率提高10个百分点');
    await screenshot(page, 'diag-2-report');
    await page.locator('[data-testid=report-submit]').click();
    await page.locator('.ant-popconfirm .ant-btn-primary').click();
    // CI runs the browser beside other test files on two cores: the submission can take a while.
    await expect.poll(async () => (await detail(id)).status, { timeout: 30_000 }).toBe('reported');
    expect((await detail(id)).report?.totalInvestmentFen).toBe(80_000_000);
    expect(pageErrors(page)).toEqual([]);
  });

  it('the enterprise accepts the report with a rating, and its enterprise file shows the diagnosis and the next step', async () => {
    const page = track(await signIn(h, 'qiye', { at: `/diagnoses/${id}` }));
    await page.locator('[data-testid=diagnosis-report]').getByText('部署 APS 高级排产').waitFor();
    await page.locator('[data-testid=open-accept]').click();
    await page.locator('[data-testid=accept-rate] li').nth(4).click();
    await page.locator('[data-testid=accept-ok]').click();
    await expect.poll(async () => (await detail(id)).status).toBe('accepted');
    expect((await detail(id)).satisfaction).toBe(5);
    const d = await detail(id);
    await page.goto(`${h.base}/enterprises/${d.enterpriseId}`);
    const card = page.locator('[data-testid=enterprise-digital]');
    await card.getByText(d.number).waitFor();
    expect(await card.innerText()).toContain('部署 APS 高级排产');
    await screenshot(page, 'diag-3-enterprise-file');
    await page.goto(`${h.base}/digital-profile`);
    await page.locator('[data-testid=next-steps]').getByText('部署 APS 高级排产').waitFor();
    await screenshot(page, 'diag-4-digital-profile');
    expect(pageErrors(page)).toEqual([]);
  });
});
