// The ten actions through the API: departments report their indicators month by month, the dispatch
// table checks them against the platform's records and projects the year, overdue reports are
// flagged, corrections keep history, and every bad input is refused naming its field with nothing
// written. Business date 2023-06-01.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import ExcelJS from '../src/lib/exceljs.ts';
import { queryRows } from '../src/db/client.ts';
import { DEMO_PASSWORD } from '../src/db/seed/seed.ts';
import { type Client, login, startTestApp, type TestApp } from './helpers/app.ts';

let t: TestApp;
let admin: Client, wxb: Client, xcb: Client, fgw: Client, gxj: Client, baoying: Client, kunshan: Client, qiye: Client, finance: Client;

beforeAll(async () => {
  t = await startTestApp({ enterprises: 24 });
  [admin, wxb, xcb, fgw, gxj, baoying, kunshan, qiye, finance] = await Promise.all(
    ['admin', 'dept-wxb', 'dept-xcb', 'dept-fgw', 'dept-gxj', 'baoying', 'kunshan', 'qiye', 'finance'].map((u) => login(t.app, u)),
  ) as Client[] as [Client, Client, Client, Client, Client, Client, Client, Client, Client];
});
afterAll(async () => { await t?.close(); });

const reportCount = async () => Number((await queryRows<{ n: string }>(t.database.db, sql`select count(*) as n from plan_reports`))[0]!.n);
interface Row { indicatorId: string; regionId: string; reporterName: string; goal: { value: number; stated: boolean } | null; projected: number | null; light: string; completion: number | null;
  report: { state: string; current: { value: number; revision: number; departmentName: string | null } | null }; records: { value: number; agreement: string | null } | null }
const dispatch = async (c: Client, year: number, month: number) => {
  const res = await c.request('GET', `/api/v1/plan/dispatch?year=${year}&month=${month}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { summary: Record<string, number>; actions: { id: string; rows: Row[] }[] };
};
const row = (d: { actions: { rows: Row[] }[] }, id: string, regionId = '') => d.actions.flatMap((a) => a.rows).find((r) => r.indicatorId === id && r.regionId === regionId)!;

describe('a department reports its indicators (三(三) 月度跟踪调度)', () => {
  it('市委网信办 reports 5G基站 for April; the dispatch table shows it, its unit and its projection against the 2023 pace', async () => {
    const res = await wxb.request('POST', '/api/v1/plan/reports', { indicatorId: 'base-stations', year: 2023, month: 4, value: 8600 });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ revision: 1, value: 8600, reportedOn: '2023-06-01', reportedByName: '市委网信办信息化科' });
    const r = row(await dispatch(admin, 2023, 4), 'base-stations');
    expect(r.reporterName).toBe('市委网信办');
    expect(r.report.current).toMatchObject({ value: 8600, revision: 1, departmentName: '市委网信办' });
    // Due 2023-05-10, first reported 2023-06-01: late.
    expect(r.report.state).toBe('late');
    // 2023 has no figure in the text: the pace between 7900 (2022) and 11000 (2024) is 7900 + ⌈3100/2⌉ = 9450.
    expect(r.goal).toMatchObject({ value: 9450, stated: false });
    // No December 2022 figure and one report: no pace, the projection is the figure, below 90% of 9450 (8505 ≤ 8600 → amber).
    expect(r.projected).toBe(8600);
    expect(r.light).toBe('amber');
  });

  it('二(九) a 累计 figure below the last one needs a note; refused naming note, nothing written', async () => {
    const before = await reportCount();
    const res = await wxb.request('POST', '/api/v1/plan/reports', { indicatorId: 'base-stations', year: 2023, month: 5, value: 8599 });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'INVALID', field: 'note' });
    expect(res.json().message).toContain('8600');
    expect(await reportCount()).toBe(before);
  });

  it('a correction names the revision it replaces and says why; a stale one gets 409; history keeps both', async () => {
    const noNote = await wxb.request('POST', '/api/v1/plan/reports', { indicatorId: 'base-stations', year: 2023, month: 4, value: 8650, replaces: 1 });
    expect(noNote.statusCode).toBe(400);
    expect(noNote.json().field).toBe('note');
    const fresh = await wxb.request('POST', '/api/v1/plan/reports', { indicatorId: 'base-stations', year: 2023, month: 4, value: 8650 });
    expect(fresh.statusCode).toBe(409);
    expect(fresh.json().field).toBe('replaces');
    const ok = await wxb.request('POST', '/api/v1/plan/reports', { indicatorId: 'base-stations', year: 2023, month: 4, value: 8650, replaces: 1, note: '通管办核对后补报仪征市基站50个' });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().revision).toBe(2);
    const stale = await wxb.request('POST', '/api/v1/plan/reports', { indicatorId: 'base-stations', year: 2023, month: 4, value: 8700, replaces: 1, note: '再次更正' });
    expect(stale.statusCode).toBe(409);
    const h = (await admin.request('GET', '/api/v1/plan/indicators/base-stations')).json() as { revisions: { revision: number; value: number; note: string | null }[]; series: { month: number; value: number }[] };
    expect(h.revisions.map((r) => [r.revision, r.value])).toEqual([[2, 8650], [1, 8600]]);
    expect(h.series).toEqual([expect.objectContaining({ year: 2023, month: 4, value: 8650, revision: 2 })]);
  });

  it('refuses what is not the department’s, not yet reached, unknown or malformed — naming the field, writing nothing', async () => {
    const before = await reportCount();
    const cases: [Client, object, number, string][] = [
      [wxb, { indicatorId: 'cloud-projects', year: 2023, month: 4, value: 10 }, 403, 'indicatorId'],
      [fgw, { indicatorId: 'base-stations', year: 2023, month: 4, value: 10 }, 403, 'indicatorId'],
      [wxb, { indicatorId: 'no-such-indicator', year: 2023, month: 4, value: 10 }, 400, 'indicatorId'],
      [wxb, { indicatorId: 'data-centre-racks', year: 2023, month: 7, value: 10 }, 400, 'month'],
      [wxb, { indicatorId: 'data-centre-racks', year: 2021, month: 12, value: 10 }, 400, 'year'],
      [wxb, { indicatorId: 'data-centre-racks', year: 2023, month: 4, value: -3 }, 400, 'value'],
      [wxb, { indicatorId: 'data-centre-racks', year: 2023, month: 4, value: '1e4' }, 400, 'value'],
      [wxb, { indicatorId: 'data-centre-racks', year: 2023, month: 4, value: 10, extra: 1 }, 400, 'extra'],
      [admin, { indicatorId: 'cnc-rate', year: 2023, month: 4, value: '64.555' }, 400, 'value'],
      [baoying, { indicatorId: 'region-fund', regionId: 'yz-gaoyou', year: 2023, month: 4, value: 30000000 }, 403, 'regionId'],
      [baoying, { indicatorId: 'retrofit-projects', year: 2023, month: 4, value: 10 }, 403, 'indicatorId'],
      [admin, { indicatorId: 'region-fund', year: 2023, month: 4, value: 30000000 }, 400, 'regionId'],
      [admin, { indicatorId: 'retrofit-projects', regionId: 'yz-baoying', year: 2023, month: 4, value: 10 }, 400, 'regionId'],
      [wxb, { indicatorId: 'data-centre-racks', year: 2023, month: 4, value: 10, evidence: [{ sha256: 'a'.repeat(64), fileName: 'x.pdf' }] }, 400, 'evidence[0].sha256'],
    ];
    for (const [client, body, status, field] of cases) {
      const res = await client.request('POST', '/api/v1/plan/reports', body);
      expect(res.statusCode, `${JSON.stringify(body)} → ${res.body}`).toBe(status);
      expect(res.json().field ?? '', JSON.stringify(body)).toContain(field);
      expect(res.json().message).toMatch(/[\u4e00-\u9fa5]/);
    }
    for (const [client, status] of [[qiye, 403], [finance, 403], [kunshan, 400]] as const) {
      const res = await client.request('POST', '/api/v1/plan/reports', { indicatorId: 'region-fund', regionId: 'sz-kunshan', year: 2023, month: 4, value: 1 });
      expect(res.statusCode, res.body).toBe(status);
    }
    expect(await reportCount()).toBe(before);
  });

  it('an account for an unknown department is refused naming departmentId', async () => {
    const res = await admin.request('POST', '/api/v1/users', { username: 'dept-x', displayName: '某局', role: 'department', password: DEMO_PASSWORD, departmentId: 'yz-nope' });
    expect(res.statusCode).toBe(400);
    expect(res.json().field).toBe('departmentId');
    const missing = await admin.request('POST', '/api/v1/users', { username: 'dept-y', displayName: '某局', role: 'department', password: DEMO_PASSWORD });
    expect(missing.json().field).toBe('departmentId');
    const ok = await admin.request('POST', '/api/v1/users', { username: 'dept-kjj', displayName: '市科技局高新处', role: 'department', password: DEMO_PASSWORD, departmentId: 'yz-kjj' });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().departmentId).toBe('yz-kjj');
  });
});

describe('the platform’s own records against a report', () => {
  it('二(六) 智能化改造项目 2022: the 附件2 records are the record — equal agrees, one more differs', async () => {
    const [rec] = await queryRows<{ n: string }>(t.database.db, sql`select count(*) as n from assessment_projects p join regions g on g.id = p.region_id
      where g.city = 'yangzhou' and p.category = 'retrofit' and p.counted_on between '2022-01-01' and '2022-11-30'`);
    const recorded = Number(rec!.n);
    expect(recorded).toBeGreaterThan(0);
    expect((await gxj.request('POST', '/api/v1/plan/reports', { indicatorId: 'retrofit-projects', year: 2022, month: 11, value: recorded })).statusCode).toBe(201);
    expect(row(await dispatch(admin, 2022, 11), 'retrofit-projects').records).toEqual({ value: recorded, display: String(recorded), agreement: 'agrees', compare: 'exact' });
    expect((await gxj.request('POST', '/api/v1/plan/reports', { indicatorId: 'retrofit-projects', year: 2022, month: 11, value: recorded + 1, replaces: 1, note: '含一个待核项目' })).statusCode).toBe(201);
    const d = await dispatch(admin, 2022, 11);
    expect(row(d, 'retrofit-projects').records!.agreement).toBe('differs');
    expect(d.summary.disagreements).toBe(1);
  });

  it('二(二) recognitions the platform holds are a floor: a report below them is flagged, above them is not', async () => {
    const [rec] = await queryRows<{ n: string }>(t.database.db, sql`select count(*) as n from certifications c join enterprises e on e.id = c.enterprise_id join regions g on g.id = e.region_id
      where g.city = 'yangzhou' and c.kind = 'recognition' and c.status = 'confirmed' and c.level in ('provincial', 'national') and c.title like '%示范车间%' and c.year <= 2023`);
    const recorded = Number(rec!.n);
    expect((await gxj.request('POST', '/api/v1/plan/reports', { indicatorId: 'demo-workshops', year: 2023, month: 3, value: recorded + 100 })).statusCode).toBe(201);
    expect(row(await dispatch(admin, 2023, 3), 'demo-workshops').records).toMatchObject({ value: recorded, agreement: 'agrees', compare: 'at-least' });
    if (recorded > 0) {
      expect((await gxj.request('POST', '/api/v1/plan/reports', { indicatorId: 'demo-workshops', year: 2023, month: 3, value: recorded - 1, replaces: 1, note: '按认定文件重新核对' })).statusCode).toBe(201);
      expect(row(await dispatch(admin, 2023, 3), 'demo-workshops').records!.agreement).toBe('below-records');
    }
  });

  it('三(二) a region’s fund size is checked against its fund on the platform; a region officer sees only its own region’s row', async () => {
    expect((await finance.request('POST', '/api/v1/funds', { city: 'yangzhou', year: 2023, level: 'county', regionId: 'yz-baoying', budgetFen: 30_000_000_00 })).statusCode).toBe(201);
    const res = await baoying.request('POST', '/api/v1/plan/reports', { indicatorId: 'region-fund', regionId: 'yz-baoying', year: 2023, month: 5, value: '30000000' });
    expect(res.statusCode, res.body).toBe(201);
    const own = await dispatch(baoying, 2023, 5);
    const rows = own.actions.flatMap((a) => a.rows).filter((r) => r.indicatorId === 'region-fund');
    expect(rows.map((r) => r.regionId)).toEqual(['yz-baoying']);
    // 3000万元 meets “不低于3000万元” exactly.
    // Reported 2023-06-01, due 2023-06-10: on time.
    expect(rows[0]).toMatchObject({ light: 'green', records: { value: 30_000_000_00, agreement: 'agrees' }, report: { state: 'on-time' } });
    expect(row(await dispatch(admin, 2023, 5), 'region-fund', 'yz-gaoyou').report.state).toBe('pending');
  });
});

describe('overdue reports, the bulletin and who reads what', () => {
  it('市委宣传部 sees its own overdue months; reporting one takes it off the list', async () => {
    const before = (await xcb.request('GET', '/api/v1/plan/overdue')).json() as { count: number; items: { indicatorId: string; year: number; month: number; due: string }[] };
    // January 2022 to April 2023 are due before 2023-06-01: 16 months of 宣传推广活动.
    expect(before.items.every((i) => i.indicatorId === 'promotion-events')).toBe(true);
    expect(before.count).toBe(16);
    expect(before.items[0]).toMatchObject({ year: 2022, month: 1, due: '2022-02-10' });
    expect((await xcb.request('POST', '/api/v1/plan/reports', { indicatorId: 'promotion-events', year: 2022, month: 1, value: 2 })).statusCode).toBe(201);
    const after = (await xcb.request('GET', '/api/v1/plan/overdue')).json() as { count: number };
    expect(after.count).toBe(15);
    const city = (await admin.request('GET', '/api/v1/plan/overdue')).json() as { items: { reporter: string }[] };
    expect(new Set(city.items.map((i) => i.reporter))).toContain('yz-gxj');
  });

  it('the quarterly bulletin counts lights and lists reporting discipline; print page and Excel carry the same figures', async () => {
    const res = await admin.request('GET', '/api/v1/plan/bulletin?year=2023&quarter=2');
    expect(res.statusCode, res.body).toBe(200);
    const b = res.json() as { throughMonth: number; summary: { indicators: number; green: number; amber: number; red: number; none: number }; header: { title: string }; discipline: { unit: string }[] };
    // On 2023-06-01 May's reports are not due until 06-10: a running quarter stands as of April.
    expect(b.throughMonth).toBe(4);
    expect(b.summary.green + b.summary.amber + b.summary.red + b.summary.none).toBe(b.summary.indicators);
    expect(b.header.title).toBe('2023年第二季度全市制造业“智改数转”重点任务推进情况督查通报');
    const html = await admin.request('GET', '/api/v1/plan/bulletin/print?year=2023&quarter=2');
    expect(html.headers['content-type']).toContain('text/html');
    expect(html.body).toContain(b.header.title);
    const xlsx = await admin.request('GET', '/api/v1/plan/dispatch.xlsx?year=2023&month=4');
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('月度跟踪调度表')!;
    const cells: string[] = [];
    sheet.eachRow((r) => cells.push(r.values!.toString()));
    expect(cells.some((c) => c.includes('5G基站') && c.includes('8650') && c.includes('市委网信办'))).toBe(true);
    const future = await admin.request('GET', '/api/v1/plan/bulletin?year=2023&quarter=4');
    expect(future.statusCode).toBe(400);
    expect(future.json().field).toBe('quarter');
    for (const bad of ['0x7E7', '+2023', '2023.0', ' 2023']) {
      expect((await admin.request('GET', `/api/v1/plan/bulletin?year=${encodeURIComponent(bad)}&quarter=1`)).statusCode, bad).toBe(400);
    }
  });

  it('the dispatch table opens on the last month whose reports are due; the city’s report on a unit’s behalf is marked 代报', async () => {
    const d = (await admin.request('GET', '/api/v1/plan/dispatch')).json() as { year: number; month: number };
    expect([d.year, d.month]).toEqual([2023, 4]);
    const res = await admin.request('POST', '/api/v1/plan/reports', { indicatorId: 'cnc-rate', year: 2023, month: 4, value: '64.5' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ value: 6450, onBehalf: true });
    const h = (await admin.request('GET', '/api/v1/plan/indicators/cnc-rate')).json() as { revisions: { onBehalf: boolean; display: string }[] };
    expect(h.revisions[0]).toMatchObject({ onBehalf: true, display: '64.5%' });
    const own = await wxb.request('POST', '/api/v1/plan/reports', { indicatorId: 'data-centre-racks', year: 2023, month: 1, value: 11000 });
    expect(own.json().onBehalf).toBe(false);
  });

  it('a region officer’s bulletin lists only its own region among the regions’ reporting discipline', async () => {
    const b = (await baoying.request('GET', '/api/v1/plan/bulletin?year=2023&quarter=1')).json() as { discipline: { id: string }[] };
    const regions = b.discipline.map((d) => d.id).filter((id) => id.startsWith('yz-') && !['yz-gxj', 'yz-wxb', 'yz-xcb', 'yz-fgw'].includes(id));
    expect(regions.every((id) => id === 'yz-baoying')).toBe(true);
    const city = (await admin.request('GET', '/api/v1/plan/bulletin?year=2023&quarter=1')).json() as { discipline: { id: string }[] };
    expect(city.discipline.map((d) => d.id)).toContain('yz-gaoyou');
  });

  it('苏州 has no action plan: its officer is told why; an enterprise may not read the plan', async () => {
    const sz = (await kunshan.request('GET', '/api/v1/plan')).json() as { available: boolean; reason: string };
    expect(sz.available).toBe(false);
    expect(sz.reason).toContain('若干措施');
    expect((await kunshan.request('GET', '/api/v1/plan/dispatch')).json().available).toBe(false);
    expect((await qiye.request('GET', '/api/v1/plan')).statusCode).toBe(403);
    const mine = (await wxb.request('GET', '/api/v1/plan')).json() as { mine: string[] };
    expect(mine.mine).toEqual(['base-stations', 'data-centre-racks']);
    expect(((await fgw.request('GET', '/api/v1/plan')).json() as { mine: string[] }).mine).toEqual([]);
  });

  it('evidence: uploaded, cited by a report, downloadable by a reader; a file no report cites is not served', async () => {
    const pdf = Buffer.from('%PDF-1.4\n% base stations\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
    const up = await wxb.request('POST', '/api/v1/plan/evidence?name=基站台账.pdf', pdf, { 'content-type': 'application/pdf' });
    expect(up.statusCode, up.body).toBe(201);
    const { sha256 } = up.json() as { sha256: string };
    const rep = await wxb.request('POST', '/api/v1/plan/reports', { indicatorId: 'data-centre-racks', year: 2023, month: 4, value: 12000, evidence: [{ sha256, fileName: '基站台账.pdf' }] });
    expect(rep.statusCode, rep.body).toBe(201);
    const file = await fgw.request('GET', `/api/v1/plan/reports/${rep.json().id}/evidence/${sha256}`);
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.equals(pdf)).toBe(true);
    expect((await fgw.request('GET', `/api/v1/plan/reports/${rep.json().id}/evidence/${'b'.repeat(64)}`)).statusCode).toBe(404);
    const exe = await wxb.request('POST', '/api/v1/plan/evidence?name=a.pdf', Buffer.from('MZ\x90\x00 not a pdf'), { 'content-type': 'application/pdf' });
    expect(exe.statusCode).toBe(400);
  });
});
