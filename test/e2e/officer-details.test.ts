// Details a region officer meets at 1280 px: the score sheet's 说明 column is on screen without a
// horizontal scroll, and the two different 规上 figures — enterprises on the platform's file (the
// dashboard) and the region's reported total the assessment's coverage uses — are labelled as such.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login } from '../helpers/app.ts';
import { pageErrors, screenshot, signIn, startWeb, type WebHarness, pagesGivenBackAfterEach } from './browser.ts';

let h: WebHarness;
beforeAll(async () => { h = await startWeb({ enterprises: 44 }); });
afterAll(async () => { await h?.close(); });

const track = pagesGivenBackAfterEach();

interface Scores { sheets: { regionId: string; lines: { item: string; data: Record<string, string | number> }[] }[] }

describe('a Baoying officer at 1280 px', () => {
  it('reads the dashboard\'s 规上 count as the file\'s and the assessment\'s as the reported total, with the whole score sheet on screen', async () => {
    const api = await login(h.t.app, 'baoying');
    const stats = (await api.request('GET', '/api/v1/dashboard/enterprise-stats')).json() as { aboveScale: number };
    const scores = (await api.request('GET', '/api/v1/assessment/2022/scores?quarter=4')).json() as Scores;
    const coverage = scores.sheets.find((s) => s.regionId === 'yz-baoying')!.lines.find((l) => '规上企业数' in l.data)!;
    const reported = Number(coverage.data['规上企业数']);
    // Two different figures: a handful of files against the region's reported total.
    expect(reported).toBeGreaterThan(stats.aboveScale);

    const page = await signIn(h, 'baoying');
    track(page);
    await page.setViewportSize({ width: 1280, height: 800 });
    expect(await page.locator('[data-testid=kpi-above-label]').innerText()).toBe('档案中的规上企业');
    expect(await page.locator('[data-testid=kpi-above]').innerText()).toContain(String(stats.aboveScale));
    await page.locator('[data-testid=chart-regions] canvas').waitFor();
    await screenshot(page, 'dashboard-baoying-1280');

    await page.goto(`${h.base}/assessment`);
    const sheet = page.locator('[data-testid=score-sheet]');
    await sheet.locator('tbody tr.ant-table-row').first().waitFor();
    // No horizontal scroll, and the 说明 header ends inside the window.
    const measure = `(() => {
      const sheet = document.querySelector('[data-testid=score-sheet]');
      const content = sheet.querySelector('.ant-table-content');
      const headers = [...sheet.querySelectorAll('thead th')];
      const last = headers[headers.length - 1];
      return { scroll: content.scrollWidth, client: content.clientWidth, lastText: last.innerText, lastRight: last.getBoundingClientRect().right, window: window.innerWidth };
    })()`;
    type Fit = { scroll: number; client: number; lastText: string; lastRight: number; window: number };
    const fit = await page.evaluate(measure) as Fit;
    expect(fit.lastText).toBe('说明');
    expect(fit.scroll).toBeLessThanOrEqual(fit.client);
    expect(fit.lastRight).toBeLessThanOrEqual(fit.window);
    const line = sheet.locator('tbody tr.ant-table-row', { hasText: coverage.item });
    expect(await line.innerText()).toContain(`规上企业总数(考核口径,县区报送)${reported}`);
    await screenshot(page, 'assessment-baoying-1280');

    await page.locator('[data-testid=lang-switch]').click();
    await line.getByText('Above-size enterprises (assessment figure, reported by the region)').waitFor();
    const fitEn = await page.evaluate(measure) as Fit;
    expect(fitEn.scroll).toBeLessThanOrEqual(fitEn.client);
    expect(fitEn.lastRight).toBeLessThanOrEqual(fitEn.window);
    await screenshot(page, 'assessment-baoying-1280-en');
    await page.goto(`${h.base}/dashboard`);
    expect(await page.locator('[data-testid=kpi-above-label]').innerText()).toBe('Above-size enterprises on file');
    await page.locator('[data-testid=chart-regions] canvas').waitFor();
    await screenshot(page, 'dashboard-baoying-1280-en');
    await page.locator('[data-testid=lang-switch]').click();
    expect(pageErrors(page)).toEqual([]);
  });
});
