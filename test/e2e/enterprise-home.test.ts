// 企业首页 in Chromium, as the Yangzhou (qiye) and the Suzhou (qiye-sz) demo enterprise: the home
// lists the measures its own file already qualifies for with the amount as the text words it —
// equal to GET /enterprises/:id/entitlements, which test/enterprise-entitlements.test.ts pins to
// hand-computed values — a near miss with what is missing, its certifications with their review
// status, 申报 on the measure, and the calculator opened with the file's facts filled in.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { seedDemoApplications } from '../../src/db/seed/demo-applications.ts';
import { seedDemoDiagnoses } from '../../src/db/seed/demo-diagnoses.ts';
import { type Client, login } from '../helpers/app.ts';
import { pageErrors, pagesGivenBackAfterEach, screenshot, signIn, startWeb, type WebHarness } from './browser.ts';

let h: WebHarness;
const as: Record<string, Client> = {};
const enterpriseOf: Record<string, string> = {};

interface Finding { id: string; status: string; amount: { min: number; max: number | null } }
interface Entitlements { enterprise: { name: string }; policies: { policyId: string; measures: Finding[] }[] }

const WAN = 1_000_000; // fen in 1 万元

/** 1 万元 and more in 万元, less in 元: 0.5万元 → “5,000元”. */
const money = (fen: number) => (fen >= WAN ? `${fen / WAN}万元` : `${(fen / 100).toLocaleString('en-US')}元`);
/** 定额 “20万元”, an upper bound with no floor “最高可获 20万元” (these texts set no other shape here). */
const worded = (a: { min: number; max: number | null }) => (a.min === a.max ? money(a.min) : a.min === 0 && a.max !== null ? `最高可获 ${money(a.max)}` : `unexpected ${JSON.stringify(a)}`);

async function claim(who: string, body: Record<string, unknown>, officer?: string) {
  const id = enterpriseOf[who]!;
  const res = await as[who]!.request('POST', `/api/v1/enterprises/${id}/certification-claims`, { ...body, evidence: '江苏省工业和信息化厅 苏工信融合〔2023〕112号' });
  expect(res.statusCode, res.body).toBe(201);
  if (!officer) return;
  const review = await as[officer]!.request('POST', `/api/v1/enterprises/${id}/certification-claims/${(res.json() as { id: string }).id}/review`, { decision: 'confirm' });
  expect(review.statusCode, review.body).toBe(200);
}

async function entitlements(who: string): Promise<Entitlements> {
  const res = await as[who]!.request('GET', `/api/v1/enterprises/${enterpriseOf[who]}/entitlements`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Entitlements;
}

beforeAll(async () => {
  h = await startWeb({ enterprises: 24 });
  // The demo's applications at every stage, diagnoses and a self-assessment, as `npm start` has them
  // (this also records 苏州's demo enterprise's five-star 上云 rating of 2023 as confirmed).
  await seedDemoApplications(h.t.database.db, h.t.app.ctx.files, '2023-06-01');
  await seedDemoDiagnoses(h.t.database.db, h.t.app.ctx.files, '2023-06-01');
  for (const u of ['qiye', 'qiye-sz', 'baoying', 'kunshan']) as[u] = await login(h.t.app, u);
  for (const u of ['qiye', 'qiye-sz']) {
    enterpriseOf[u] = ((await as[u]!.request('GET', '/api/v1/auth/me')).json() as { user: { enterpriseId: string } }).user.enterpriseId;
  }
  // 扬州: a 3A certificate of 2023 confirmed by 宝应县, a five-star rating still waiting for review.
  await claim('qiye', { kind: 'integration', level: '3A', title: '两化融合管理体系评定证书', year: 2023 }, 'baoying');
  await claim('qiye', { kind: 'cloud', level: '5', title: '江苏省五星级上云企业', year: 2023 });
}, 120_000);
afterAll(async () => { await h?.close(); });
const track = pagesGivenBackAfterEach();

async function home(username: string): Promise<Page> {
  const page = track(await signIn(h, username));
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.locator('[data-testid=enterprise-home]').waitFor();
  await page.locator('[data-testid=home-eligible] tbody tr.ant-table-row').first().waitFor();
  return page;
}

const CASES = [
  {
    user: 'qiye', policy: 'yangzhou-2022-20', city: '扬州市',
    // 扬府发〔2022〕20号 附件1 二(五): 3A → 最高20万元.
    eligible: { id: 'iim-aaa-award', title: '两化融合管理体系3A级贯标奖励', text: '最高可获 20万元', max: 20 * WAN },
    near: { id: 'smart-retrofit', missing: '年智能制造设备、软件和技术服务投资额需达到 2,000万元以上' },
    certs: ['3A', '已确认', '5 星', '待核实'],
    prefilled: { field: '#facts_iim_certificate', shows: '3A级' },
  },
  {
    user: 'qiye-sz', policy: 'suzhou-2020', city: '苏州市',
    // 苏州 若干措施 (四): 五星级 → 不高于10万.
    eligible: { id: 'cloud-five-star', title: '省五星级上云企业补贴(定向云券)', text: '最高可获 10万元', max: 10 * WAN },
    near: { id: 'loan-interest-city', missing: '在苏州综合金融服务等平台获得项目贷款' },
    certs: ['5 星', '已确认'],
    prefilled: { field: '#facts_cloud_star_level', shows: '5' },
  },
] as const;

describe('企业首页', () => {
  for (const c of CASES) {
    it(`${c.user}: lands on its own home with the measures its file meets, amounts equal to the API's, a near miss with what is missing and its certifications`, async () => {
      const api = await entitlements(c.user);
      const page = await home(c.user);
      expect(await page.locator('[data-testid=home-enterprise-name]').innerText()).toBe(api.enterprise.name);
      // Not the city dashboard.
      expect(await page.locator('[data-testid=dashboard]').innerText()).not.toContain('企业总数');

      const eligible = api.policies.find((p) => p.policyId === c.policy)!.measures.filter((m) => m.status === 'eligible');
      expect(eligible.map((m) => [m.id, m.amount])).toContainEqual([c.eligible.id, { min: 0, max: c.eligible.max }]);
      const rows = page.locator('[data-testid=home-eligible] tbody tr.ant-table-row');
      expect(await rows.count()).toBe(eligible.length);
      expect(await page.locator('[data-testid=home-eligible]').innerText()).toContain(c.eligible.title);
      expect(await page.locator(`[data-testid=home-amount-${c.eligible.id}]`).innerText()).toBe(c.eligible.text);
      // Every amount on the page is the API's, worded as the text words it.
      for (const m of eligible) expect([m.id, await page.locator(`[data-testid=home-amount-${m.id}]`).innerText()]).toEqual([m.id, worded(m.amount)]);
      expect(await page.locator('[data-testid=home-eligible-count]').innerText()).toContain(String(eligible.length));

      expect(await page.locator(`[data-testid=home-missing-${c.near.id}]`).innerText()).toContain(c.near.missing);
      const nearCount = api.policies.flatMap((p) => p.measures).filter((m) => m.status === 'near').length;
      expect(await page.locator('[data-testid=home-near] tbody tr.ant-table-row').count()).toBe(nearCount);

      const certs = await page.locator('[data-testid=home-certs]').innerText();
      for (const text of c.certs) expect(certs).toContain(text);
      if (c.user === 'qiye') expect(await page.locator('[data-testid=home-pending-note]').innerText()).toContain('1 项认定正在等待');

      // Its applications with their status, its diagnoses and maturity results, each linking to its page.
      const applications = (await as[c.user]!.request('GET', '/api/v1/applications?pageSize=100')).json() as { items: { id: string; number: string; measureId: string }[] };
      expect(applications.items.length).toBeGreaterThan(0);
      const appCard = page.locator('[data-testid=enterprise-applications]');
      await appCard.locator(`a[href="/applications/${applications.items[0]!.id}"]`).waitFor();
      expect(await appCard.locator('tbody tr.ant-table-row').count()).toBe(applications.items.length);
      const diagnoses = (await as[c.user]!.request('GET', '/api/v1/diagnoses')).json() as { items?: { id: string }[] } | { id: string }[];
      const diagnosisList = Array.isArray(diagnoses) ? diagnoses : diagnoses.items ?? [];
      expect(diagnosisList.length).toBeGreaterThan(0);
      const digital = page.locator('[data-testid=enterprise-digital]');
      await digital.locator(`a[href="/diagnoses/${diagnosisList[0]!.id}"]`).waitFor();
      // A measure already applied for shows that application and its status beside 申报.
      for (const a of applications.items.filter((x) => x.measureId === c.eligible.id)) {
        expect(await page.locator(`[data-testid=home-applied-${c.eligible.id}]`).allInnerTexts()).toContainEqual(expect.stringContaining(a.number));
      }

      await screenshot(page, `enterprise-home-${c.user}`);
      expect(pageErrors(page)).toEqual([]);
    });

    it(`${c.user}: 申报 opens the application form on the measure, and the calculator opens filled in from the file`, async () => {
      const page = await home(c.user);
      await page.locator(`[data-testid=home-apply-${c.eligible.id}]`).click();
      await page.locator('[data-testid=apply-page]').waitFor();
      expect(new URL(page.url()).searchParams.get('measure')).toBe(c.eligible.id);
      // The measure's name shows once the policy's measures have loaded.
      await page.locator('[data-testid=apply-measure]', { hasText: c.eligible.title }).waitFor();

      await page.goto(`${h.base}/dashboard`);
      await page.locator('[data-testid=home-open-calculator]').click();
      await page.locator('[data-testid=policy-prefilled]').waitFor();
      expect(new URL(page.url()).searchParams.get('from')).toBe('file');
      expect(await page.locator('[data-testid=policy-select]').innerText()).toContain(c.city);
      const field = page.locator(c.prefilled.field);
      if (c.prefilled.field === '#facts_iim_certificate') {
        expect(await page.locator('.ant-form-item', { has: field }).locator('.ant-select').innerText()).toContain(c.prefilled.shows);
      } else {
        expect(await field.inputValue()).toBe(c.prefilled.shows);
      }
      // 计算兑现 on the prefilled form gives the same amount for the measure as the home page.
      await page.locator('[data-testid=policy-evaluate]').click();
      expect(await page.locator(`[data-testid=amount-${c.eligible.id}]`).innerText()).toBe(c.eligible.text);
      await screenshot(page, `enterprise-home-calculator-${c.user}`);
      expect(pageErrors(page)).toEqual([]);
    });
  }

  it('reads in English: the page\'s own labels carry no Chinese', async () => {
    const page = await home('qiye');
    await page.locator('[data-testid=lang-switch]').click();
    await page.getByText('Entitlements', { exact: true }).waitFor();
    const labels = [
      ...await page.locator('[data-testid=enterprise-home] .ant-card-head-title').allInnerTexts(),
      ...await page.locator('[data-testid=enterprise-home] .ant-card-extra').allInnerTexts(),
      ...await page.locator('[data-testid=enterprise-home] .ant-table-thead th').allInnerTexts(),
      ...await page.locator('[data-testid=enterprise-home] .ant-statistic-title').allInnerTexts(),
      ...await page.locator('[data-testid=enterprise-home] .zgsz-page-head button').allInnerTexts(),
      ...await page.locator('[data-testid=enterprise-home] [data-testid^=home-apply-]').allInnerTexts(),
    ].filter((s) => s.trim());
    expect(labels.length).toBeGreaterThan(10);
    // 万元 and 元 are the units the app writes amounts in, in either language.
    expect(labels.filter((s) => /[\u4e00-\u9fff]/.test(s.replace(/万元|元/g, '')))).toEqual([]);
    expect(await page.locator(`[data-testid=home-amount-iim-aaa-award]`).innerText()).toBe('Up to 20万元');
    await screenshot(page, 'enterprise-home-qiye-en');
    await page.locator('[data-testid=lang-switch]').click();
    expect(pageErrors(page)).toEqual([]);
  });
});
