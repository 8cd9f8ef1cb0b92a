// The 政策兑现 calculator in Chromium as an officer reads it: it opens on the reader's own city's
// text, asks only that text's questions, scrolls to the result, words each amount as the policy
// does (最高可获 …, 40万~60万元, 50万元) and keeps the measures not met behind a switch. Every
// amount is checked against POST /policies/:id/evaluate for the same facts and date.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { type Client, login } from '../helpers/app.ts';
import { chooseOption, pageErrors, screenshot, signIn, startWeb, type WebHarness, pagesGivenBackAfterEach } from './browser.ts';

let h: WebHarness;
let admin: Client;
beforeAll(async () => {
  h = await startWeb({ enterprises: 24 });
  admin = await login(h.t.app, 'admin');
});
afterAll(async () => { await h?.close(); });

const track = pagesGivenBackAfterEach();

const WAN = 1_000_000; // fen in 1 万元
interface Evaluation { eligibleCount: number; measures: { id: string; eligible: boolean; amount: { min: number; max: number | null } }[] }

async function openCalculator(username: string): Promise<Page> {
  const page = await signIn(h, username);
  track(page);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`${h.base}/policies`);
  await page.locator('[data-testid=policy-evaluate]').waitFor();
  return page;
}

async function evaluate(policyId: string, date: string, facts: Record<string, unknown>): Promise<Evaluation> {
  const res = await admin.request('POST', `/api/v1/policies/${policyId}/evaluate`, { date, facts });
  expect(res.statusCode).toBe(200);
  return res.json() as Evaluation;
}

/** The result card's top edge relative to the viewport, once a smooth scroll has settled. */
async function settledTop(page: Page): Promise<{ top: number; height: number; scrollY: number }> {
  let last = Number.NaN;
  for (let i = 0; i < 40; i++) {
    const now = await page.locator('[data-testid=policy-result]').evaluate((el) => el.getBoundingClientRect().top);
    if (now === last) break;
    last = now;
    await page.waitForTimeout(100);
  }
  const { height, scrollY } = await page.evaluate('({ height: window.innerHeight, scrollY: window.scrollY })') as { height: number; scrollY: number };
  return { top: last, height, scrollY };
}

const measureRows = (page: Page) => page.locator('[data-testid=policy-measures] tbody tr.ant-table-row');

describe('政策兑现 calculator in Chromium', () => {
  it('asks a Yangzhou applicant only Yangzhou\'s questions, scrolls to the result and words the amounts as the text does', async () => {
    const page = await openCalculator('admin');
    // The city-wide reader starts on the newest text in force: Yangzhou's 附件1.
    expect(await page.locator('[data-testid=policy-select]').innerText()).toContain('扬州市');
    // The date defaults to the server's business date (startWeb's 2023-06-01), not the browser's clock.
    const date = await page.locator('[data-testid=policy-date]').inputValue();
    expect(date).toBe('2023-06-01');

    // Suzhou-only questions are not asked: the loan through Suzhou's financial platform, the
    // legal-person scope of the Suzhou notice, its security-service provider facts.
    const form = page.locator('form');
    expect(await page.locator('#facts_projects_0_annual_investment').count()).toBe(1);
    expect(await page.locator('#facts_projects_0_loan_via_platform').count()).toBe(0);
    expect(await page.locator('#facts_projects_0_loan_amount').count()).toBe(0);
    expect(await page.locator('#facts_independent_legal_person').count()).toBe(0);
    const formText = await form.innerText();
    expect(formText).not.toContain('在苏州综合金融服务等平台获得项目贷款');
    expect(formText).not.toContain('服务苏州市企业数');
    // Nor offered Suzhou's own recognitions.
    await page.locator('.ant-form-item', { has: page.locator('#facts_recognitions') }).locator('.ant-select').click();
    const recognitionList = page.locator('.ant-select-dropdown:has([id="facts_recognitions_list"])');
    await recognitionList.locator('.ant-select-item-option').first().waitFor();
    const offered = await recognitionList.innerText();
    expect(offered).toContain('国家智能制造试点示范');
    expect(offered).not.toContain('苏州市级智能制造示范工厂');
    await page.keyboard.press('Escape');

    // One project of 2,500万元 and a chain diagnosis.
    await page.locator('#facts_projects_0_annual_investment').fill('2500');
    await page.locator('.ant-collapse-header', { hasText: '诊断服务' }).click();
    await page.locator('#facts_diagnosis_chain').click();
    const result = page.locator('[data-testid=policy-result]');
    expect(await result.count()).toBe(0);
    await page.locator('[data-testid=policy-evaluate]').click();
    await result.waitFor();

    // The result is brought into view (the form above it is taller than the window).
    const box = await settledTop(page);
    expect(box.scrollY).toBeGreaterThan(0);
    expect(box.top).toBeGreaterThanOrEqual(0);
    expect(box.top).toBeLessThan(box.height / 2);

    const expected = await evaluate('yangzhou-2022-20', date, {
      applicant_type: 'enterprise', projects: [{ annual_investment: '2500万元' }], diagnosis_chain: true,
    });
    const met = expected.measures.filter((m) => m.eligible);
    expect(met.map((m) => m.id).sort()).toEqual(['diagnosis-chain', 'smart-retrofit']);
    // 2,500万元 × 不高于13% = up to 325万元, under the 600万元 cap: the rate set the maximum.
    expect(expected.measures.find((m) => m.id === 'smart-retrofit')!.amount).toEqual({ min: 0, max: 325 * WAN });
    expect(await page.locator('[data-testid=amount-smart-retrofit]').innerText()).toBe('最高可获 325万元(不高于投资额的13%)');
    expect(await page.locator('[data-testid=amount-diagnosis-chain]').innerText()).toBe('50万元');
    const retrofitRow = measureRows(page).filter({ hasText: '智能化改造项目补助' });
    expect(await retrofitRow.innerText()).toContain('结论: 符合条件,最高可获 325万元,由市级财政承担');
    expect(await retrofitRow.innerText()).not.toContain('0~325');
    expect(await page.locator('[data-testid=policy-total]').innerText()).toContain('50万~375万元');

    // Only the measures met are listed; the others wait behind the switch, counted.
    expect(await measureRows(page).count()).toBe(met.length);
    const failed = expected.measures.length - met.length;
    expect(failed).toBeGreaterThan(5);
    const toggle = page.locator('[data-testid=policy-failed-toggle]');
    expect(await toggle.innerText()).toContain(`显示不符合条件的措施 (${failed})`);
    await screenshot(page, 'policy-calculator-yangzhou');
    await page.locator('[data-testid=policy-show-failed]').click();
    await expect.poll(() => measureRows(page).count()).toBe(expected.measures.length);
    expect(await page.locator('[data-testid=policy-measures]').innerText()).toContain('不符合');

    // English: the same amounts in the English convention (万元 stays the unit, as on every page).
    await page.locator('[data-testid=lang-switch]').click();
    await page.locator('[data-testid=amount-smart-retrofit]').getByText('Up to').waitFor();
    expect(await page.locator('[data-testid=amount-smart-retrofit]').innerText()).toBe('Up to 325万元 (at most 13% of the base amount)');
    expect(await toggle.innerText()).toContain(`Show measures not met (${failed})`);
    await page.locator('[data-testid=policy-show-failed]').click();
    await expect.poll(() => measureRows(page).count()).toBe(met.length);
    await result.scrollIntoViewIfNeeded();
    await screenshot(page, 'policy-calculator-yangzhou-en');
    await page.locator('[data-testid=lang-switch]').click();
    expect(pageErrors(page)).toEqual([]);
  });

  it('opens on the Suzhou text for a Kunshan officer and words a band with a floor as 40万~60万元', async () => {
    const page = await openCalculator('kunshan');
    expect(await page.locator('[data-testid=policy-select]').innerText()).toContain('苏州市');
    const date = await page.locator('[data-testid=policy-date]').inputValue();
    // Suzhou's own questions are there.
    expect(await page.locator('#facts_projects_0_loan_via_platform').count()).toBe(1);
    expect(await page.locator('#facts_independent_legal_person').count()).toBe(1);

    // A provincial first-set product priced 200万元: 15%~30% is 30万~60万元, raised to the 40万元 floor.
    await page.locator('.ant-collapse-header', { hasText: '首台(套)与首版次' }).click();
    await page.getByRole('button', { name: /添加.*产品/ }).click();
    await chooseOption(page, page.locator('.ant-form-item', { has: page.locator('#facts_products_0_first_set_level') }).locator('.ant-select'), '江苏省认定');
    await page.locator('#facts_products_0_unit_price').fill('200');
    await page.locator('[data-testid=policy-evaluate]').click();
    await page.locator('[data-testid=policy-result]').waitFor();
    const box = await settledTop(page);
    expect(box.top).toBeGreaterThanOrEqual(0);
    expect(box.top).toBeLessThan(box.height / 2);

    const expected = await evaluate('suzhou-2020', date, {
      applicant_type: 'enterprise', independent_legal_person: true, products: [{ first_set_level: 'provincial', unit_price: '200万元' }],
    });
    expect(expected.measures.find((m) => m.id === 'first-set-equipment-award')!.amount).toEqual({ min: 40 * WAN, max: 60 * WAN });
    expect(await page.locator('[data-testid=amount-first-set-equipment-award]').innerText()).toBe('40万~60万元');
    expect(await measureRows(page).count()).toBe(expected.eligibleCount);
    await screenshot(page, 'policy-calculator-kunshan');
    expect(pageErrors(page)).toEqual([]);
  });

  it('opens on the Suzhou text for the Suzhou enterprise and on Yangzhou\'s for a Baoying officer', async () => {
    const sz = await openCalculator('qiye-sz');
    expect(await sz.locator('[data-testid=policy-select]').innerText()).toContain('苏州市');
    const yz = await openCalculator('baoying');
    expect(await yz.locator('[data-testid=policy-select]').innerText()).toContain('扬州市');
    expect(await yz.locator('#facts_projects_0_loan_via_platform').count()).toBe(0);
    expect(pageErrors(sz)).toEqual([]);
    expect(pageErrors(yz)).toEqual([]);
  });
});
