// GET /api/v1/dashboard/assessment-trend: the 首页's month-by-month 月度跟踪调度表 in one request.
// Each month equals the tracking table the assessment API gives for that month; an officer sees
// only their region; a Suzhou officer is told 附件2 does not score Suzhou; while the business
// year (2023 at the test's date 2023-06-01) has no target table the latest year with one is shown.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, startTestApp, type Client, type TestApp } from './helpers/app.ts';

let t: TestApp;
let admin: Client;
let baoying: Client;
let kunshan: Client;
let finance: Client;
beforeAll(async () => {
  t = await startTestApp({ enterprises: 44 });
  admin = await login(t.app, 'admin');
  baoying = await login(t.app, 'baoying');
  kunshan = await login(t.app, 'kunshan');
  finance = await login(t.app, 'finance');
});
afterAll(async () => { await t?.close(); });

interface Trend { requestedYear: number; year: number; month: number; source: string; months: { month: number; rows: { regionId: string }[]; cityTotal: { regionName: string } }[] }
const trend = async (c: Client, query = '') => c.request('GET', `/api/v1/dashboard/assessment-trend${query}`);

describe('首页 assessment trend', () => {
  it('falls back to 2022 (the text\'s own 附件2 target table) while 2023 has none, with all twelve months equal to the tracking table', async () => {
    const res = await trend(admin);
    expect(res.statusCode).toBe(200);
    const body = res.json() as Trend;
    expect(body).toMatchObject({ requestedYear: 2023, year: 2022, month: 12, source: 'built-in' });
    expect(body.months.map((m) => m.month)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    for (const month of [3, 7, 12]) {
      const tracking = (await admin.request('GET', `/api/v1/assessment/2022/tracking?month=${month}`)).json();
      expect(body.months[month - 1]).toEqual(tracking);
    }
    expect(body.months[11]!.rows).toHaveLength(8);
  });

  it('shows a 宝应县 officer only 宝应县, month by month (region scope)', async () => {
    const body = (await trend(baoying)).json() as Trend;
    expect(body.year).toBe(2022);
    for (const m of body.months) expect(m.rows.map((r) => r.regionId)).toEqual(['yz-baoying']);
    expect(body.months[0]!.cityTotal.regionName).toBe('宝应县合计');
    const own = (await baoying.request('GET', '/api/v1/assessment/2022/tracking?month=6')).json();
    expect(body.months[5]).toEqual(own);
  });

  it('tells a 昆山市 officer that 附件2 scores only Yangzhou regions (not an empty table)', async () => {
    const res = await trend(kunshan);
    expect(res.statusCode).toBe(403);
    expect(res.json().message).toContain('不在考核范围内');
  });

  it('refuses enterprises, providers and departments (assessment.read), and anyone signed out', async () => {
    for (const user of ['qiye', 'provider', 'dept-gxj']) {
      const res = await trend(await login(t.app, user));
      expect(res.statusCode, user).toBe(403);
    }
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/dashboard/assessment-trend' })).statusCode).toBe(401);
  });

  it('lets finance (考核办) read the city\'s trend; refuses a future year and a year without targets, naming the field', async () => {
    expect(((await trend(finance)).json() as Trend).months[0]!.rows).toHaveLength(8);
    const future = await trend(admin, '?year=2024');
    expect(future.statusCode).toBe(400);
    expect(future.json()).toMatchObject({ field: 'year' });
    const none = await trend(admin, '?year=2023');
    expect(none.statusCode).toBe(400);
    expect(none.json()).toMatchObject({ field: 'year' });
    expect(none.json().message).toContain('请市工信局先导入该年度目标表');
    const bad = await trend(admin, '?year=0x7E7');
    expect(bad.statusCode).toBe(400);
    expect((await trend(admin, '?month=3')).statusCode).toBe(400);
  });

  it('shows the business year up to the business month (June) once the city has imported its targets', async () => {
    const table = { regions: ['yz-baoying', 'yz-gaoyou'].map((regionId) => ({ regionId, retrofit: 6, cloud: 4, portrait: 3, benchmark: 2, coveragePercent: 40 })) };
    expect((await admin.request('PUT', '/api/v1/assessment/2023/targets', table)).statusCode).toBe(200);
    const body = (await trend(admin)).json() as Trend;
    expect(body).toMatchObject({ requestedYear: 2023, year: 2023, month: 6, source: 'database' });
    expect(body.months).toHaveLength(6);
    expect(body.months[5]!.rows.map((r) => r.regionId)).toEqual(['yz-baoying', 'yz-gaoyou']);
    expect(body.months[5]).toEqual((await admin.request('GET', '/api/v1/assessment/2023/tracking?month=6')).json());
    // An explicit past year is shown whole.
    expect(((await trend(admin, '?year=2022')).json() as Trend).month).toBe(12);
  });
});
