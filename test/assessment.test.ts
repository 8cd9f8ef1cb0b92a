// The 附件2 assessment through the API on a real database: targets, records with evidence, region
// scoping, bad input that writes nothing, and the scores, tracking, forecast and bulletin of a
// small year whose result is computed by hand in assessment-scenario.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count } from 'drizzle-orm';
import ExcelJS from '../src/lib/exceljs.ts';
import type { assessmentActivities} from '../src/db/schema/assessment.ts';
import { assessmentEvents, assessmentProjects, assessmentTargets } from '../src/db/schema/assessment.ts';
import { XLSX_MIME } from '../src/server/routes/enterprises.ts';
import { type Client, login, startTestApp, type TestApp } from './helpers/app.ts';
import { EXPECTED_RANKS, EXPECTED_TOTALS, retrofit, SCENARIO, SCORED, toRequest, YEAR } from './assessment-scenario.ts';

let t: TestApp;
let admin: Client;
let baoying: Client;
let kunshan: Client;
let finance: Client;

beforeAll(async () => {
  t = await startTestApp({ enterprises: 10 });
  admin = await login(t.app, 'admin');
  baoying = await login(t.app, 'baoying');
  kunshan = await login(t.app, 'kunshan');
  finance = await login(t.app, 'finance');
  for (const op of SCENARIO) {
    const { method, url, body } = toRequest(op);
    const res = await (op.as === 'admin' ? admin : baoying).request(method, url, body);
    if (res.statusCode >= 300) throw new Error(`${op.kind} ${url} → ${res.statusCode} ${res.body}`);
  }
});
afterAll(async () => { await t?.close(); });

const rows = async (table: typeof assessmentProjects | typeof assessmentActivities | typeof assessmentEvents | typeof assessmentTargets) =>
  Number((await t.database.db.select({ n: count() }).from(table))[0]!.n);

describe('targets', () => {
  it('2022 is the table of the text until the city sets one; an officer sees their own row', async () => {
    const all = (await admin.request('GET', '/api/v1/assessment/2022/targets')).json();
    expect(all.source).toBe('built-in');
    expect(all.regions).toHaveLength(8);
    expect(all.regions.find((r: { regionId: string }) => r.regionId === 'yz-gaoyou')).toMatchObject({ retrofit: 40, cloud: 80, portrait: 80, benchmark: 25, coveragePercent: 40 });
    const own = (await baoying.request('GET', '/api/v1/assessment/2022/targets')).json();
    expect(own.regions.map((r: { regionId: string }) => r.regionId)).toEqual(['yz-baoying']);
  });

  it('only the city sets targets', async () => {
    const res = await baoying.request('PUT', '/api/v1/assessment/2024/targets', { regions: [] });
    expect(res.statusCode).toBe(403);
  });

  it.each([
    ['a negative target', { retrofit: -1 }, 'regions.0.retrofit'],
    ['a non-numeric target', { cloud: '八十' }, 'regions.0.cloud'],
    ['an unknown region', { regionId: 'yz-nowhere' }, 'regions.0.regionId'],
    ['a coverage above 100%', { coveragePercent: 140 }, 'regions.0.coveragePercent'],
  ])('refuses %s naming the field and writes nothing', async (_label, patch, field) => {
    const before = await rows(assessmentTargets);
    const res = await admin.request('PUT', '/api/v1/assessment/2024/targets', {
      regions: [{ regionId: 'yz-baoying', retrofit: 3, cloud: 3, portrait: 3, benchmark: 3, coveragePercent: 40, ...patch }, { regionId: 'yz-gaoyou', retrofit: 3, cloud: 3, portrait: 3, benchmark: 3, coveragePercent: 40 }],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'INVALID', field });
    expect(await rows(assessmentTargets)).toBe(before);
    expect((await admin.request('GET', '/api/v1/assessment/2024/targets')).statusCode).toBe(400);
  });

  it('exports in the text’s layout and imports back (Excel round trip into another year)', async () => {
    const exported = await admin.request('GET', `/api/v1/assessment/${YEAR}/targets/export`);
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-type']).toBe(XLSX_MIME);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
    expect(wb.getWorksheet('目标')!.getCell('B2').value).toBe('县(市、区)');
    const imported = await admin.request('POST', '/api/v1/assessment/2025/targets/import', exported.rawPayload, { 'content-type': XLSX_MIME });
    expect(imported.statusCode).toBe(200);
    expect(imported.json()).toMatchObject({ year: 2025, source: 'database' });
    expect(imported.json().regions).toHaveLength(8);
    const bad = await admin.request('POST', '/api/v1/assessment/2026/targets/import', Buffer.from('plain text'), { 'content-type': XLSX_MIME });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().field).toBe('file');
  });
});

describe('records, evidence and region scope', () => {
  const post = (c: Client, body: unknown) => c.request('POST', '/api/v1/assessment/projects', body);

  it.each([
    ['no evidence (核查内容: 奖补资金凭证)', { evidence: [] }, 'evidence', '奖补资金凭证'],
    ['a subsidy below county level', { subsidyLevel: 'township' }, 'subsidyLevel', '县(市、区)及以上'],
    ['an unknown category', { category: 'robots' }, 'category', '类别'],
    ['a region that is not scored', { regionId: 'yz-shouxihu' }, 'regionId', '不是2023年的评分对象'],
    ['a year with no targets', { countedOn: '2031-03-01' }, 'year', '2031年尚未设定目标'],
    ['a malformed date', { countedOn: '2023-13-01' }, 'countedOn', 'YYYY-MM-DD'],
  ])('refuses %s with 400 naming the field, and writes nothing', async (_label, patch, field, hint) => {
    const before = await rows(assessmentProjects);
    const res = await post(admin, { ...retrofit('yz-baoying', '2023-03-01', 99), ...patch });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'INVALID', field });
    expect(res.json().message).toContain(hint);
    expect(await rows(assessmentProjects)).toBe(before);
  });

  it('数字画像 needs the agreement, the contract and the report (核查内容)', async () => {
    const res = await post(admin, {
      regionId: 'yz-baoying', category: 'portrait', title: '数字画像诊断', enterpriseName: '某企业', countedOn: '2023-03-01',
      evidence: [{ kind: 'diagnosis-report', title: '诊断报告' }],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('合作协议、采购合同');
  });

  it('refuses negative or inconsistent coverage figures', async () => {
    const base = { regionId: 'yz-baoying', month: 6, evidence: [{ kind: 'coverage-summary', title: '汇总表' }] };
    expect((await admin.request('PUT', `/api/v1/assessment/${YEAR}/coverage`, { ...base, covered: -1, total: 10 })).json().field).toBe('covered');
    expect((await admin.request('PUT', `/api/v1/assessment/${YEAR}/coverage`, { ...base, covered: 11, total: 10 })).json().field).toBe('covered');
    expect((await admin.request('PUT', `/api/v1/assessment/${YEAR}/coverage`, { ...base, covered: 1, total: 10, evidence: [] })).json().field).toBe('evidence');
  });

  it('an officer records only their own region', async () => {
    const before = await rows(assessmentProjects);
    expect((await post(baoying, retrofit('yz-gaoyou', '2023-03-01', 98))).statusCode).toBe(403);
    expect((await baoying.request('PUT', `/api/v1/assessment/${YEAR}/work-items/yz-gaoyou/workTeam`, { done: false })).statusCode).toBe(403);
    expect(await rows(assessmentProjects)).toBe(before);
  });

  it('deductions are the city’s: an officer can neither record nor withdraw one', async () => {
    const before = await rows(assessmentEvents);
    const res = await baoying.request('POST', '/api/v1/assessment/events', {
      direction: 'deduction', regionId: 'yz-baoying', date: '2023-09-01', issuer: 'city', title: 'x', evidence: [{ kind: 'notice', title: 'y' }],
    });
    expect(res.statusCode).toBe(403);
    expect(await rows(assessmentEvents)).toBe(before);
  });

  it('an officer lists only their own region; another region’s officer sees nothing of it', async () => {
    const own = (await baoying.request('GET', `/api/v1/assessment/${YEAR}/projects`)).json() as { regionId: string }[];
    expect(own.length).toBe(3);
    expect(own.every((p) => p.regionId === 'yz-baoying')).toBe(true);
    expect((await kunshan.request('GET', `/api/v1/assessment/${YEAR}/projects`)).json()).toEqual([]);
    expect((await admin.request('GET', `/api/v1/assessment/${YEAR}/projects`)).json()).toHaveLength(6);
    const acts = (await kunshan.request('GET', `/api/v1/assessment/${YEAR}/activities`)).json();
    expect(acts).toEqual([]);
  });

  it('withdrawing: own record 204, another region’s record 404, and the score follows', async () => {
    const created = (await post(baoying, retrofit('yz-baoying', '2023-06-01', 77))).json() as { id: string };
    // kunshan holds the permission but not the region: the record does not exist for them
    expect((await kunshan.request('DELETE', `/api/v1/assessment/projects/${created.id}`)).statusCode).toBe(404);
    expect((await admin.request('GET', `/api/v1/assessment/${YEAR}/projects?regionId=yz-baoying`)).json()).toHaveLength(4);
    expect((await baoying.request('DELETE', `/api/v1/assessment/projects/${created.id}`)).statusCode).toBe(204);
    expect((await admin.request('GET', `/api/v1/assessment/${YEAR}/projects?regionId=yz-baoying`)).json()).toHaveLength(3);
  });
});

describe('the year scored from its records', () => {
  it('附件2: totals and ranking as computed by hand (assessment-scenario.ts)', async () => {
    const res = await admin.request('GET', `/api/v1/assessment/${YEAR}/scores`);
    expect(res.statusCode).toBe(200);
    const body = res.json() as { ranking: { regionId: string; total: number; rank: number }[]; sheets: { regionId: string; lines: { clause: string; item: string; points: number; explanation: string }[] }[] };
    expect(Object.fromEntries(body.ranking.map((r) => [r.regionId, r.total]))).toEqual(EXPECTED_TOTALS);
    expect(Object.fromEntries(body.ranking.map((r) => [r.regionId, r.rank]))).toEqual(EXPECTED_RANKS);
    const gaoyou = body.sheets.find((s) => s.regionId === 'yz-gaoyou')!;
    expect(gaoyou.lines.find((l) => l.item === '智能化改造项目')!.explanation).toContain('恰好100%');
    const baoyingSheet = body.sheets.find((s) => s.regionId === 'yz-baoying')!;
    expect(baoyingSheet.lines.find((l) => l.item === '省五星级上云企业')!.points).toBe(0);
  });

  it('an officer gets their own sheet with its rank; finance (考核办) reads all', async () => {
    const own = (await baoying.request('GET', `/api/v1/assessment/${YEAR}/scores`)).json() as { sheets: { regionId: string; rank: number }[] };
    expect(own.sheets.map((s) => [s.regionId, s.rank])).toEqual([['yz-baoying', 1]]);
    // 昆山 (Suzhou) is not scored under Yangzhou's 附件2: told so, not shown an empty sheet.
    const suzhou = await kunshan.request('GET', `/api/v1/assessment/${YEAR}/scores`);
    expect(suzhou.statusCode).toBe(403);
    expect(suzhou.json()).toMatchObject({ details: { notAssessed: true } });
    expect(suzhou.json().message).toContain('昆山市不在考核范围内');
    expect((await finance.request('GET', `/api/v1/assessment/${YEAR}/scores`)).json().sheets).toHaveLength(8);
  });

  it('a reading changed for the year changes the score; a bad setting is refused naming it', async () => {
    const bad = await admin.request('PUT', `/api/v1/assessment/${YEAR}/settings`, { combinedRanking: 'average-of-scores' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().field).toBe('settings.combinedRanking');
    // With 数字标杆 requiring at least one project, nobody scores the 15 points of 二(一)2.
    expect((await admin.request('PUT', `/api/v1/assessment/${YEAR}/settings`, { zeroCompletionRanked: false })).statusCode).toBe(200);
    const scored = (await admin.request('GET', `/api/v1/assessment/${YEAR}/scores`)).json() as { ranking: { regionId: string; total: number }[] };
    expect(scored.ranking.find((r) => r.regionId === 'yz-baoying')!.total).toBe(40.5);
    expect((await admin.request('PUT', `/api/v1/assessment/${YEAR}/settings`, {})).statusCode).toBe(200);
  });

  it('the score sheet exports to Excel', async () => {
    const res = await admin.request('GET', `/api/v1/assessment/${YEAR}/scores/export`);
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.getWorksheet('评分总表')!.getCell('B3').value).toBe('宝应县');
    expect(wb.getWorksheet('评分总表')!.getCell('L3').value).toBe(55.5);
  });
});

describe('monthly tracking, forecast and the quarterly bulletin from the records', () => {
  // By June: 宝应 2 of 2 智能化改造 (Feb, May), 高邮 1 of 2 (March), 仪征 0 of 2 (its one is in December).
  it('月度跟踪: completion against 序时进度 50% in June', async () => {
    const res = await admin.request('GET', `/api/v1/assessment/${YEAR}/tracking?month=6`);
    expect(res.statusCode).toBe(200);
    const rows = res.json().rows as { regionId: string; cells: Record<string, { actual: number; rate: string; behindSchedule: boolean }> }[];
    const cell = (id: string) => rows.find((r) => r.regionId === id)!.cells.retrofit!;
    expect(cell('yz-baoying')).toMatchObject({ actual: 2, rate: '100.00%', behindSchedule: false });
    expect(cell('yz-gaoyou')).toMatchObject({ actual: 1, rate: '50.00%', behindSchedule: false });
    expect(cell('yz-yizheng')).toMatchObject({ actual: 0, behindSchedule: true });
    const own = (await baoying.request('GET', `/api/v1/assessment/${YEAR}/tracking?month=6`)).json();
    expect(own.rows.map((r: { regionId: string }) => r.regionId)).toEqual(['yz-baoying']);
    expect(own.cityTotal.cells.retrofit.actual).toBe(2);
  });

  it('预测预警: run-rate at June projects 宝应 4, 高邮 2 (exactly the target), 仪征 0 (below 50%)', async () => {
    const res = await admin.request('GET', `/api/v1/assessment/${YEAR}/forecast?month=6`);
    const f = (id: string) => (res.json() as { regionId: string; category: string; projected: string; status: string }[]).find((x) => x.regionId === id && x.category === 'retrofit')!;
    expect(f('yz-baoying')).toMatchObject({ projected: '4', status: 'on-track' });
    expect(f('yz-gaoyou')).toMatchObject({ projected: '2', status: 'on-track' });
    expect(f('yz-yizheng')).toMatchObject({ projected: '0', status: 'below-half' });
    expect((await admin.request('GET', `/api/v1/assessment/${YEAR}/forecast?month=13`)).statusCode).toBe(400);
  });

  it('季度督查通报 (Q2): lagging regions and what they must do; Excel and print HTML', async () => {
    const res = await admin.request('GET', `/api/v1/assessment/${YEAR}/bulletins/2`);
    expect(res.statusCode).toBe(200);
    const b = res.json() as { title: string; lagging: string[]; findings: { regionId: string; actions: string[] }[] };
    expect(b.title).toBe('2023年第二季度全市制造业“智改数转”工作督查通报');
    expect(b.lagging).toContain('yz-yizheng');
    expect(b.findings.find((x) => x.regionId === 'yz-yizheng')!.actions.join()).toContain('还需完成2个');
    const html = await admin.request('GET', `/api/v1/assessment/${YEAR}/bulletins/2/html`);
    expect(html.headers['content-type']).toContain('text/html');
    expect(html.body).toContain(b.title);
    const xlsx = await admin.request('GET', `/api/v1/assessment/${YEAR}/bulletins/2/export`);
    expect(xlsx.headers['content-type']).toBe(XLSX_MIME);
    const own = (await baoying.request('GET', `/api/v1/assessment/${YEAR}/bulletins/2`)).json() as { findings: { regionId: string }[]; assessment: { sheets: unknown[] } };
    expect(own.findings.map((x) => x.regionId)).toEqual(['yz-baoying']);
    expect(own.assessment.sheets).toHaveLength(1);
  });

  it('a year with no targets is a clear error', async () => {
    const res = await admin.request('GET', '/api/v1/assessment/2030/scores');
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'INVALID', field: 'year' });
  });
});

it('every scored region of the scenario has its coverage summary', () => {
  expect(SCORED).toHaveLength(8);
});
