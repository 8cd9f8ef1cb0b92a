// 免申即享 over the enterprise file: officers run 扬府发〔2022〕20号 附件1 over the enterprises on file,
// with the facts the file holds (legal form, certifications) and the yearly facts recorded with
// their evidence; facts the file lacks are reported as missing per measure. Four enterprises are
// filed under an industry code no demo enterprise has (C4350), so the expected figures are the
// ones computed by hand below from the text's words.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from '../src/lib/exceljs.ts';
import { sql } from 'drizzle-orm';
import { queryRows } from '../src/db/client.ts';
import { makeUscc } from '../src/domain/uscc/uscc.ts';
import { type Client, login, startTestApp, type TestApp } from './helpers/app.ts';

let t: TestApp;
let admin: Client, baoying: Client, qiye: Client, kunshan: Client;
const ids: Record<string, string> = {};

const POLICY = 'yangzhou-2022-20';
const DATE = '2023-06-01';
const INDUSTRY = 'C4350';

interface Job { id: string; status: string; progress: { done: number; total: number }; result?: Result | null; error: { code: string; message: string; field?: string } | null }
interface Measure { id: string; eligible: number; notEligible: number; missing: number; min: number; max: number | null; missingFacts: { fact: string; enterprises: number }[]; scenario?: { eligible: number; min: number; max: number | null } }
interface Result { enterprises: number; entitled: number; measures: Measure[]; matches: { name: string; measureId: string; min: number; max: number | null; regionId: string }[]; total: { min: number; max: number | null }; scenarioTotal?: { min: number; max: number | null } }

async function create(c: Client, name: string, regionId: string, body: string, certifications: unknown[] = []): Promise<string> {
  const res = await c.request('POST', '/api/v1/enterprises', {
    uscc: makeUscc('9', '1', regionId === 'yz-baoying' ? '321023' : '321084', body), name, regionId, industryCode: INDUSTRY, aboveScale: true, legalForm: 'independent', certifications,
  });
  expect(res.statusCode, res.body).toBe(201);
  return (res.json() as { id: string }).id;
}

async function record(c: Client, id: string, fact: string, value: unknown, evidence: string) {
  return c.request('PUT', `/api/v1/enterprises/${id}/facts`, { year: 2023, fact, value, evidence });
}

async function runAndWait(c: Client, body: Record<string, unknown>, policy = POLICY): Promise<Job> {
  const res = await c.request('POST', `/api/v1/policies/${policy}/file-match`, body);
  expect(res.statusCode, res.body).toBe(202);
  const job = res.json() as Job;
  expect(['queued', 'running', 'done']).toContain(job.status);
  for (let i = 0; i < 200; i++) {
    const r = await c.request('GET', `/api/v1/file-matches/${job.id}`);
    const j = r.json() as Job;
    if (j.status === 'done' || j.status === 'failed') return j;
    await new Promise((ok) => setTimeout(ok, 50));
  }
  throw new Error('job did not finish');
}

const measure = (r: Result, id: string) => r.measures.find((m) => m.id === id)!;

beforeAll(async () => {
  t = await startTestApp({ enterprises: 44 });
  [admin, baoying, qiye, kunshan] = await Promise.all(['admin', 'baoying', 'qiye', 'kunshan'].map((u) => login(t.app, u))) as [Client, Client, Client, Client];
  ids.a = await create(baoying, '档案匹配甲智造有限公司', 'yz-baoying', 'FM000001', [{ kind: 'integration', level: '2A', title: '两化融合管理体系2A级', year: 2023 }]);
  ids.b = await create(baoying, '档案匹配乙平台有限公司', 'yz-baoying', 'FM000002');
  ids.c = await create(baoying, '档案匹配丙机械有限公司', 'yz-baoying', 'FM000003');
  ids.d = await create(admin, '档案匹配丁电子有限公司', 'yz-gaoyou', 'FM000004', [{ kind: 'integration', level: '2A', title: '两化融合管理体系2A级', year: 2023 }]);
  for (const [id, fact, value, evidence] of [
    [ids.a, 'projects', [{ annual_investment: '2500万元' }], '扬州市技改项目备案 扬工信技备〔2023〕12号'],
    [ids.b, 'projects', [{ annual_investment: '1800万元' }], '设备采购合同 HT-2023-088'],
    [ids.b, 'platform_level', 'provincial', '省工信厅 苏工信融合〔2023〕101号'],
    [ids.b, 'platform_annual_investment', '1000万元', '2023年平台投入审计报告'],
  ] as const) {
    const res = await record(baoying, id!, fact, value, evidence);
    expect(res.statusCode, res.body).toBe(200);
  }
});
afterAll(async () => { await t?.close(); });

describe('yearly facts of the enterprise file', () => {
  it('stores money in fen, validated against the fact dictionary, with its evidence and who recorded it', async () => {
    const res = await baoying.request('GET', `/api/v1/enterprises/${ids.a}/facts`);
    expect(res.statusCode).toBe(200);
    const [f] = res.json() as { fact: string; value: unknown; evidence: string; version: number; year: number }[];
    expect(f!.value).toEqual([{ annual_investment: 2_500_000_000 }]);
    expect(f).toMatchObject({ fact: 'projects', year: 2023, evidence: '扬州市技改项目备案 扬工信技备〔2023〕12号', version: 1 });
  });

  it('refuses a value outside the dictionary, an unknown fact, a fact the file decides, and names the field', async () => {
    const bad = await record(baoying, ids.c!, 'platform_level', 'galactic', '无依据');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().field).toBe('value.platform_level');
    const neg = await record(baoying, ids.c!, 'platform_annual_investment', -5, '无依据');
    expect(neg.statusCode).toBe(400);
    const unknown = await record(baoying, ids.c!, 'moon_landings', 1, '无依据');
    expect(unknown.json()).toMatchObject({ field: 'fact' });
    for (const fact of ['iim_certificate', 'diagnosis_factory', 'recognitions']) {
      const decided = await record(baoying, ids.c!, fact, fact === 'iim_certificate' ? 'AAA' : fact === 'recognitions' ? ['provincial_smart_factory'] : true, '无依据');
      expect(decided.statusCode, fact).toBe(400);
      expect(decided.json().field).toBe('fact');
    }
  });

  it('a second first record of the same year and fact is a conflict; an edit names the version it read', async () => {
    const again = await record(baoying, ids.b!, 'platform_level', 'national', '重复');
    expect(again.statusCode).toBe(409);
    const stale = await baoying.request('PUT', `/api/v1/enterprises/${ids.b}/facts`, { year: 2023, fact: 'platform_level', value: 'provincial', evidence: '省工信厅 苏工信融合〔2023〕101号', version: 1 });
    expect(stale.statusCode, stale.body).toBe(200);
    expect(stale.json().version).toBe(2);
  });

  it('region scope: another region officer cannot read or record; the enterprise reads only its own', async () => {
    expect((await kunshan.request('GET', `/api/v1/enterprises/${ids.a}/facts`)).statusCode).toBe(404);
    expect((await record(kunshan, ids.a!, 'flexible_talents', 2, '引才协议')).statusCode).toBe(404);
    expect((await record(qiye, ids.a!, 'flexible_talents', 2, '引才协议')).statusCode).toBe(403);
    expect((await qiye.request('GET', `/api/v1/enterprises/${ids.a}/facts`)).statusCode).toBe(404);
  });
});

describe('免申即享 over the file (扬府发〔2022〕20号 附件1)', () => {
  let result: Result;
  beforeAll(async () => {
    const job = await runAndWait(baoying, { date: DATE, industry: INDUSTRY });
    expect(job.status, JSON.stringify(job.error)).toBe('done');
    expect(job.progress).toEqual({ done: 3, total: 3 });
    result = job.result!;
  });

  it('a region officer gets only their region: 宝应 three of the four C4350 enterprises, not 高邮’s', () => {
    expect(result.enterprises).toBe(3);
    expect(result.matches.every((m) => m.regionId === 'yz-baoying')).toBe(true);
    expect(result.matches.some((m) => m.name.includes('丁'))).toBe(false);
  });

  it('附件1 二(一) 智能化改造: 2,500万元 ≥ 2000万元以上 → 不高于13% = 325万元; 1,800万元 fails; no projects on file → missing 年投资额', () => {
    const m = measure(result, 'smart-retrofit');
    expect(m).toMatchObject({ eligible: 1, notEligible: 1, missing: 1, min: 0, max: 325_0000_00 });
    expect(m.missingFacts).toEqual([{ fact: 'projects.annual_investment', label: '项目:年智能制造设备、软件和技术服务投资额', enterprises: 1 }]);
    const row = result.matches.find((x) => x.measureId === 'smart-retrofit')!;
    expect(row).toMatchObject({ name: '档案匹配甲智造有限公司', min: 0, max: 325_0000_00 });
  });

  it('附件1 二(二) 工业互联网平台: 省级 platform, 年平台投入 1,000万元 × 13% = 130万元 (under the 500万元 cap); others lack 平台 facts', () => {
    const m = measure(result, 'industrial-internet-platform');
    expect(m).toMatchObject({ eligible: 1, missing: 2, min: 0, max: 130_0000_00 });
    expect(m.missingFacts.find((f) => f.fact === 'platform_level')?.enterprises).toBe(2);
  });

  it('附件1 二(五) 两化融合2A: the 2023 2A certificate on file gives 最高15万元; the others hold no certificate (not missing: the file decides it)', () => {
    const m = measure(result, 'iim-aa-award');
    expect(m).toMatchObject({ eligible: 1, notEligible: 2, missing: 0, min: 0, max: 15_0000_00 });
  });

  it('附件1 二(四) 诊断服务: the platform knows every diagnosis (政府采购); none of the three had one, so not eligible', () => {
    expect(measure(result, 'diagnosis-factory')).toMatchObject({ eligible: 0, notEligible: 3, missing: 0 });
  });

  it('附件1 二(三) 首台(套): nobody recorded products, so all three are missing 认定级别 and 销售收入 rather than not eligible', () => {
    const m = measure(result, 'first-set-equipment');
    expect(m).toMatchObject({ eligible: 0, notEligible: 0, missing: 3 });
    expect(m.missingFacts.map((f) => [f.fact, f.enterprises]).sort()).toEqual([['products.annual_sales', 3], ['products.first_set_level', 3]]);
  });

  it('附件1 二(七) 园区数字化改造 is for 园区 only: enterprises are not eligible, not missing 园区投入', () => {
    expect(measure(result, 'park-digital-subsidy')).toMatchObject({ eligible: 0, notEligible: 3, missing: 0, missingFacts: [] });
  });

  it('totals: 325万 + 130万 + 15万 = 470万元 upper bound over two entitled enterprises', () => {
    expect(result.entitled).toBe(2);
    expect(result.total).toEqual({ min: 0, max: 470_0000_00 });
  });

  it('the city runs the whole city: 高邮’s enterprise adds a second 2A award', async () => {
    const job = await runAndWait(admin, { date: DATE, industry: INDUSTRY });
    expect(job.result!.enterprises).toBe(4);
    expect(measure(job.result!, 'iim-aa-award').eligible).toBe(2);
  });

  it('what-if: the 600万元 cap unchanged, rate 10% instead of 13% → 250万 + 100万 (budget impact −105万元)', async () => {
    const job = await runAndWait(baoying, { date: DATE, industry: INDUSTRY, overrides: { 'smart_retrofit.rate': '10%', 'platform.rate': '10%' } });
    const r = job.result!;
    expect(measure(r, 'smart-retrofit').scenario).toEqual({ eligible: 1, min: 0, max: 250_0000_00 });
    expect(measure(r, 'industrial-internet-platform').scenario).toEqual({ eligible: 1, min: 0, max: 100_0000_00 });
    expect(r.total.max! - r.scenarioTotal!.max!).toBe(105_0000_00);
  });

  it('recent runs list the officer’s own runs, newest first; another region’s officer cannot open them', async () => {
    const list = (await baoying.request('GET', '/api/v1/file-matches')).json() as { id: string; status: string; summary: { enterprises: number } | null }[];
    expect(list.length).toBeGreaterThanOrEqual(2);
    expect(list[0]!.status).toBe('done');
    expect((await kunshan.request('GET', `/api/v1/file-matches/${list[0]!.id}`)).statusCode).toBe(404);
    expect(((await kunshan.request('GET', '/api/v1/file-matches')).json() as unknown[]).length).toBe(0);
  });

  it('bad input names the field: unknown policy, a date that is no date, another region, a Suzhou region for a Yangzhou policy', async () => {
    const policy = await baoying.request('POST', '/api/v1/policies/nope/file-match', { date: DATE });
    expect(policy.statusCode).toBe(404);
    expect(policy.json().field).toBe('policyId');
    const date = await baoying.request('POST', `/api/v1/policies/${POLICY}/file-match`, { date: '2023-02-30' });
    expect(date.statusCode).toBe(400);
    expect(date.json().field).toBe('date');
    const region = await baoying.request('POST', `/api/v1/policies/${POLICY}/file-match`, { date: DATE, regionId: 'yz-gaoyou' });
    expect(region.statusCode).toBe(403);
    expect(region.json().field).toBe('regionId');
    const city = await admin.request('POST', `/api/v1/policies/${POLICY}/file-match`, { date: DATE, regionId: 'sz-kunshan' });
    expect(city.statusCode).toBe(400);
    expect(city.json().field).toBe('regionId');
    const other = await kunshan.request('POST', `/api/v1/policies/${POLICY}/file-match`, { date: DATE });
    expect(other.statusCode).toBe(400);
    expect(other.json().field).toBe('policyId');
    const override = await baoying.request('POST', `/api/v1/policies/${POLICY}/file-match`, { date: DATE, overrides: { 'no.such': '1' } });
    expect(override.statusCode).toBe(400);
    expect((await qiye.request('POST', `/api/v1/policies/${POLICY}/file-match`, { date: DATE })).statusCode).toBe(403);
  });

  it('exports the result to Excel (汇总、名单、缺少事实) and records the export in the audit log', async () => {
    const list = (await baoying.request('GET', '/api/v1/file-matches')).json() as { id: string; params: { overrides?: unknown } }[];
    const plain = list.find((j) => !j.params.overrides)!;
    const res = await baoying.request('GET', `/api/v1/file-matches/${plain.id}/export`);
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总', '名单', '缺少事实']);
    const names = wb.getWorksheet('名单')!.getColumn(2).values.filter((v) => typeof v === 'string' && v.startsWith('档案匹配'));
    expect(names.sort()).toEqual(['档案匹配乙平台有限公司', '档案匹配甲智造有限公司', '档案匹配甲智造有限公司']);
    const audit = await queryRows<{ actor_name: string; after: { scope: { job: string; regionId: string }; rows: number } }>(t.database.db,
      sql`select actor_name, after from audit_log where action = 'export' and entity = 'file_match'`);
    expect(audit).toEqual([expect.objectContaining({ actor_name: 'baoying', after: expect.objectContaining({ rows: 3, scope: expect.objectContaining({ job: plain.id, regionId: 'yz-baoying' }) }) })]);
  });
});
