// The 两市对比 view in a real browser: one project's facts (2,500万元 annual investment and a loan
// through the Suzhou platform) under both cities' policies; every figure on the page must equal what
// POST /policies/compare answers for the same facts and date.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entitlementText } from '../../web/src/lib/entitlement.ts';
import { formatMoneyRange } from '../../web/src/lib/format.ts';
import { login } from '../helpers/app.ts';
import { pageErrors, SCREENSHOTS, signIn, startWeb, type WebHarness, pagesGivenBackAfterEach } from './browser.ts';

let h: WebHarness;
beforeAll(async () => { h = await startWeb({ enterprises: 4 }); });
afterAll(async () => { await h?.close(); });

const track = pagesGivenBackAfterEach();

interface Range { min: number; max: number | null }
interface Comparison {
  date: string;
  policies: { id: string; city: string; total: Range; eligibleCount: number }[];
  rows: { topic: string; cells: { policyId: string; measures: { id: string; eligible: boolean; amount: Range; clause: string; reason?: string }[] }[] }[];
}

describe('两市对比 in Chromium', () => {
  it('shows both cities\' figures for one project exactly as the compare API computes them', async () => {
    const page = await signIn(h, 'admin');
    track(page);
    await page.locator('[data-testid=side-menu]').getByText('两市对比').click();
    await page.locator('[data-testid=compare-submit]').waitFor();
    const date = await page.locator('[data-testid=compare-date]').inputValue();
    // A day inside both validity windows (扬州 2022-02-24..2025-02-23, 苏州 2021-01-01..2023-12-31).
    expect(date >= '2022-02-24' && date <= '2023-12-31').toBe(true);

    await page.locator('#facts_projects_0_annual_investment').fill('2500');
    await page.locator('#facts_projects_0_loan_via_platform').click();
    await page.locator('#facts_projects_0_loan_amount').fill('1000');
    await page.locator('[data-testid=compare-submit]').click();
    await page.locator('[data-testid=compare-table] tbody tr.ant-table-row').first().waitFor();

    const api = await login(h.t.app, 'admin');
    const res = await api.request('POST', '/api/v1/policies/compare', {
      date, facts: { applicant_type: 'enterprise', independent_legal_person: true, projects: [{ annual_investment: '2500万元', loan_via_platform: true, loan_amount: '1000万元' }] },
    });
    expect(res.statusCode).toBe(200);
    const expected = res.json() as Comparison;
    expect(expected.policies.map((p) => p.city).sort()).toEqual(['扬州市', '苏州市'].sort());

    for (const p of expected.policies) {
      expect(p.total.min + (p.total.max ?? 1)).toBeGreaterThan(0);
      expect(await page.locator(`[data-testid=cmp-total-${p.id}]`).innerText()).toContain(formatMoneyRange(p.total));
      expect(await page.locator(`[data-testid=cmp-summary-${p.id}]`).innerText()).toContain(String(p.eligibleCount));
    }
    let checked = 0;
    for (const row of expected.rows) {
      for (const cell of row.cells) {
        for (const m of cell.measures) {
          const box = page.locator(`[data-testid=cmp-${cell.policyId}-${m.id}]`);
          expect(await box.locator('[data-testid=cmp-amount]').innerText()).toBe(m.eligible ? entitlementText(m.amount, 'zh') : '—');
          const text = await box.innerText();
          expect(text).toContain(m.clause);
          expect(text).toContain(m.eligible ? '符合' : '不符合');
          if (m.reason) expect(text).toContain(m.reason);
          checked++;
        }
      }
    }
    expect(await page.locator('[data-testid=compare-table] [data-testid=cmp-amount]').count()).toBe(checked);
    // The smart-retrofit row: both cities pay something for this project.
    const retrofit = expected.rows.find((r) => r.topic === 'smart_retrofit')!;
    for (const cell of retrofit.cells) expect(cell.measures.some((m) => m.eligible)).toBe(true);

    await page.screenshot({ path: `${SCREENSHOTS}e2e-policy-compare.png`, fullPage: true });
    expect(pageErrors(page)).toEqual([]);
  });
});
