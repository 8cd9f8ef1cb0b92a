// The policy library and entitlement engine over HTTP: listing and reading the texts, one
// evaluation with its explanation, comparison, batches (JSON and CSV/XLSX uploads) and
// what-if, including the errors a caller gets for bad input and for a role without access.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from '../src/lib/exceljs.ts';
import { XLSX_MIME } from '../src/server/routes/enterprises.ts';
import { type Client, login, startTestApp, type TestApp } from './helpers/app.ts';

let t: TestApp;
let admin: Client;
let qiye: Client;

beforeAll(async () => {
  t = await startTestApp({ enterprises: 4 });
  admin = await login(t.app, 'admin');
  qiye = await login(t.app, 'qiye');
});
afterAll(async () => { await t?.close(); });

const YZ = '/api/v1/policies/yangzhou-2022-20';

describe('reading the policy library', () => {
  it('lists both texts with their validity on a date', async () => {
    const res = await qiye.request('GET', '/api/v1/policies?at=2023-06-01');
    expect(res.statusCode).toBe(200);
    const list = res.json() as { id: string; number: string | null; validity: { status: string; to: string }; withAmount: number }[];
    expect(list.map((p) => p.id)).toEqual(['suzhou-2020', 'yangzhou-2022-20']);
    const yz = list.find((p) => p.id === 'yangzhou-2022-20')!;
    expect(yz).toMatchObject({ number: '扬府发〔2022〕20号', withAmount: 15, validity: { status: 'in_force', to: '2025-02-23' } });
    expect(list.find((p) => p.id === 'suzhou-2020')!.validity.to).toBe('2023-12-31');
  });

  it('says which facts each text reads, so a form asks only those', async () => {
    const list = (await qiye.request('GET', '/api/v1/policies?at=2023-06-01')).json() as { id: string; facts: { name: string; fields?: string[]; codes?: string[] }[] }[];
    const read = (id: string) => new Map(list.find((p) => p.id === id)!.facts.map((f) => [f.name, f]));
    const yz = read('yangzhou-2022-20'), sz = read('suzhou-2020');
    // 在苏州综合金融服务平台获得贷款 is a Suzhou question; Yangzhou pays on the investment alone.
    expect(yz.get('projects')!.fields).toEqual(['annual_investment']);
    expect(sz.get('projects')!.fields).toEqual(['loan_via_platform', 'loan_amount']);
    expect(yz.has('independent_legal_person')).toBe(false);
    expect(sz.has('independent_legal_person')).toBe(true);
    expect(yz.get('recognitions')!.codes).not.toContain('city_smart_demo_factory');
    expect(sz.get('recognitions')!.codes).toContain('city_smart_demo_factory');
  });

  it('shows one measure with its quoted sentence, rule and dated parameters', async () => {
    const res = await qiye.request('GET', `${YZ}/measures/smart-retrofit`);
    expect(res.statusCode).toBe(200);
    const m = res.json() as { clause: string; quote: string; conditions: string[]; amount: string; parameters: { name: string; values: { from: string; value: string }[] }[] };
    expect(m.clause).toBe('附件1 二(一)');
    expect(m.quote).toContain('投资额达到2000万元以上的项目');
    expect(m.conditions[0]).toContain('需达到 2,000万元以上');
    expect(m.amount).toBe('按年智能制造设备、软件和技术服务投资额的不高于13%,单个项目最高600万元');
    expect(m.parameters.find((p) => p.name === 'smart_retrofit.cap')!.values).toEqual([{ from: '2022-02-24', value: '600万元' }]);
  });

  it('serves the fact dictionary with types, units and what absence means', async () => {
    const res = await qiye.request('GET', '/api/v1/policies/facts');
    expect(res.statusCode).toBe(200);
    const facts = (res.json() as { facts: { name: string; type: string; required: boolean; fields?: { name: string }[] }[] }).facts;
    expect(facts.find((f) => f.name === 'applicant_type')).toMatchObject({ type: 'enum', required: true });
    expect(facts.find((f) => f.name === 'projects')!.fields!.map((f) => f.name)).toContain('annual_investment');
  });

  it('answers 404 naming the field for an unknown policy or measure', async () => {
    const a = await qiye.request('GET', '/api/v1/policies/nanjing-2024');
    expect(a.statusCode).toBe(404);
    expect(a.json()).toMatchObject({ code: 'NOT_FOUND', field: 'policyId' });
    const b = await qiye.request('GET', `${YZ}/measures/free-lunch`);
    expect(b.statusCode).toBe(404);
    expect(b.json()).toMatchObject({ field: 'measureId' });
  });

  it('documents the routes in OpenAPI', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json() as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/policies/{policyId}/evaluate', '/api/v1/policies/compare', '/api/v1/policies/{policyId}/what-if']));
  });
});

describe('evaluating one case', () => {
  it('gives each measure with amount range in fen, payer split and cited steps', async () => {
    const res = await qiye.request('POST', `${YZ}/evaluate`, {
      date: '2023-06-01',
      facts: { applicant_type: 'enterprise', projects: [{ annual_investment: '1800万元' }, { annual_investment: 50_000_000 }], diagnosis_factory: true },
    });
    expect(res.statusCode).toBe(200);
    const r = res.json() as { measures: { id: string; eligible: boolean; amount: { min: number; max: number | null }; steps: { text: string; parameters?: { name: string; from: string }[] }[]; failures: { message: string }[] }[]; total: { min: number; max: number }; byPayer: { city: { min: number; max: number } } };
    const retrofit = r.measures.find((m) => m.id === 'smart-retrofit')!;
    expect(retrofit.eligible).toBe(true);
    expect(retrofit.amount).toEqual({ min: 0, max: 600_000_000 });
    expect(retrofit.steps.map((s) => s.text)).toContain('项目1: 年智能制造设备、软件和技术服务投资额 1,800万元,需达到 2,000万元以上(“以上”含本数,民法典第1259条) ✗');
    expect(retrofit.steps.flatMap((s) => s.parameters ?? [])).toContainEqual(expect.objectContaining({ name: 'smart_retrofit.cap', from: '2022-02-24' }));
    // The conclusion words an upper bound as the text does, not as an interval from 0.
    expect(retrofit.steps.at(-1)!.text).toBe('结论: 符合条件,最高可获 600万元,由市级财政承担');
    expect(r.measures.find((m) => m.id === 'diagnosis-factory')!.steps.at(-1)!.text).toBe('结论: 符合条件,金额 20万元,由市级财政承担');
    expect(r.total).toEqual({ min: 20_000_000, max: 620_000_000 });
    expect(r.byPayer.city).toEqual(r.total);
    const platform = r.measures.find((m) => m.id === 'industrial-internet-platform')!;
    expect(platform.failures[0]!.message).toBe('工业互联网平台: 无平台,需为省级及以上');
  });

  it('applies what-if overrides with the request', async () => {
    const res = await qiye.request('POST', `${YZ}/evaluate`, {
      date: '2023-06-01', overrides: { 'smart_retrofit.cap': '800万元' },
      facts: { applicant_type: 'enterprise', projects: [{ annual_investment: '1亿元' }] },
    });
    const r = res.json() as { measures: { id: string; amount: { max: number } }[]; overrides: { name: string; value: string; original: string }[] };
    expect(r.measures.find((m) => m.id === 'smart-retrofit')!.amount.max).toBe(800_000_000);
    expect(r.overrides).toEqual([expect.objectContaining({ name: 'smart_retrofit.cap', value: '800万元', original: '600万元' })]);
  });

  it.each([
    [{ date: '2023-02-30', facts: { applicant_type: 'enterprise' } }, 'date', '不存在'],
    [{ date: '2023-06-01', facts: { applicant_type: 'enterprise', projects: [{ annual_investment: -1 }] } }, 'facts.projects[0].annual_investment', '负数'],
    [{ date: '2023-06-01', facts: { applicant_type: 'enterprise', projects: [{ annual_investment: 2000.001 }] } }, 'facts.projects[0].annual_investment', '小数位过多'],
    [{ date: '2023-06-01', facts: { applicant_type: 'enterprise', platform_level: 'provincial' } }, 'facts.platform_annual_investment', '缺少事实'],
    [{ date: '2023-06-01', facts: { applicant_type: 'enterprise', turnover: 5 } }, 'facts.turnover', '未知事实'],
    [{ date: '2023-06-01', facts: { applicant_type: 'enterprise' }, overrides: { 'smart_retrofit.cap': 'lots' } }, 'overrides.smart_retrofit.cap', '不是有效的金额'],
  ])('refuses bad input with 400 naming the field (%#)', async (body, field, message) => {
    const res = await qiye.request('POST', `${YZ}/evaluate`, body);
    expect(res.statusCode).toBe(400);
    const e = res.json() as { code: string; field: string; message: string };
    expect(e).toMatchObject({ code: 'INVALID', field });
    expect(e.message).toContain(message);
  });

  it('reports an expired policy as a reason, not an error', async () => {
    const res = await qiye.request('POST', '/api/v1/policies/suzhou-2020/evaluate', { date: '2024-01-01', facts: { applicant_type: 'enterprise' } });
    expect(res.statusCode).toBe(200);
    const r = res.json() as { validity: { status: string }; measures: { status: string }[] };
    expect(r.validity.status).toBe('expired');
    expect(new Set(r.measures.map((m) => m.status))).toEqual(new Set(['not_in_force']));
  });

  it('compares the same facts under both cities', async () => {
    const res = await qiye.request('POST', '/api/v1/policies/compare', {
      date: '2023-06-01',
      facts: { applicant_type: 'enterprise', independent_legal_person: true, projects: [{ annual_investment: '3000万元', loan_via_platform: true, loan_amount: '1000万元' }] },
    });
    expect(res.statusCode).toBe(200);
    const r = res.json() as { policies: { id: string }[]; rows: { topic: string; cells: { policyId: string; subtotal: { min: number; max: number | null } }[] }[] };
    const row = r.rows.find((x) => x.topic === 'smart_retrofit')!;
    expect(row.cells.map((c) => [c.policyId, c.subtotal])).toEqual([
      ['suzhou-2020', { min: 20_000_000, max: null }],
      ['yangzhou-2022-20', { min: 0, max: 390_000_000 }],
    ]);
  });
});

describe('batches and what-if', () => {
  const enterprises = [
    { id: 'A', region: 'yz-baoying', facts: { applicant_type: 'enterprise', projects: [{ annual_investment: '5000万元' }] } },
    { id: 'B', region: 'yz-baoying', facts: { applicant_type: 'enterprise', projects: [{ annual_investment: '3000万元' }], diagnosis_factory: true } },
    { id: 'C', region: 'yz-gaoyou', facts: { applicant_type: 'enterprise' } },
  ];
  const csv = 'id,region,applicant_type,diagnosis_factory,projects.annual_investment\nA,yz-baoying,enterprise,,5000万元\nB,yz-baoying,企业,是,3000万元\nC,yz-gaoyou,enterprise,,\n';

  type Report = { enterprises: number; entitled: number; total: { min: number; max: number }; byRegion: { region: string; max: number }[]; measures: { id: string; eligible: number; max: number }[]; matches?: { id: string }[] };

  it('totals a JSON population by measure, region and payer, with the match list', async () => {
    const res = await admin.request('POST', `${YZ}/batch`, { date: '2023-06-01', enterprises, matchesLimit: 10 });
    expect(res.statusCode).toBe(200);
    const r = res.json() as Report;
    expect(r).toMatchObject({ enterprises: 3, entitled: 2, total: { min: 20_000_000, max: 600_000_000 + 390_000_000 + 20_000_000 } });
    expect(r.byRegion).toEqual([
      { region: 'yz-baoying', enterprises: 2, entitled: 2, min: 20_000_000, max: 1_010_000_000 },
      { region: 'yz-gaoyou', enterprises: 1, entitled: 0, min: 0, max: 0 },
    ]);
    expect(r.matches!.map((m) => m.id)).toEqual(['A', 'B']);
  });

  it('gives the same totals for a CSV upload and an XLSX upload', async () => {
    const json = (await admin.request('POST', `${YZ}/batch`, { date: '2023-06-01', enterprises })).json() as Report;
    const fromCsv = await admin.request('POST', `${YZ}/batch/upload?date=2023-06-01`, Buffer.from(csv), { 'content-type': 'text/csv; charset=utf-8' });
    expect(fromCsv.statusCode).toBe(200);
    expect((fromCsv.json() as Report).measures).toEqual(json.measures);

    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('名单');
    for (const line of csv.trim().split('\n')) ws.addRow(line.split(',').map((c) => (c === '' ? null : c)));
    const fromXlsx = await admin.request('POST', `${YZ}/batch/upload?date=2023-06-01`, Buffer.from(await wb.xlsx.writeBuffer()), { 'content-type': XLSX_MIME });
    expect(fromXlsx.statusCode).toBe(200);
    expect((fromXlsx.json() as Report).total).toEqual(json.total);
  });

  it('names the row and field of a bad row in an upload', async () => {
    const res = await admin.request('POST', `${YZ}/batch/upload?date=2023-06-01`, Buffer.from('id,applicant_type,projects.annual_investment\nA,enterprise,12.345\n'), { 'content-type': 'text/csv' });
    expect(res.statusCode).toBe(400);
    expect((res.json() as { field: string }).field).toBe('upload第2行.facts.projects[0].annual_investment');
  });

  it('reports the budget impact of an override per measure (what-if)', async () => {
    const res = await admin.request('POST', `${YZ}/what-if`, { date: '2023-06-01', enterprises, overrides: { 'smart_retrofit.cap': '800万元' } });
    expect(res.statusCode).toBe(200);
    const r = res.json() as { measures: { id: string; max: { base: number; scenario: number; delta: number } }[]; total: { max: { delta: number } } };
    expect(r.measures.find((m) => m.id === 'smart-retrofit')!.max).toEqual({ base: 990_000_000, scenario: 1_040_000_000, delta: 50_000_000 });
    expect(r.total.max.delta).toBe(50_000_000);
    const viaUpload = await admin.request('POST', `${YZ}/what-if/upload?date=2023-06-01&override=smart_retrofit.cap=800万元`, Buffer.from(csv), { 'content-type': 'text/csv' });
    expect((viaUpload.json() as typeof r).total.max.delta).toBe(50_000_000);
  });

  it('keeps population batches to the offices: an enterprise user is refused', async () => {
    const res = await qiye.request('POST', `${YZ}/batch`, { date: '2023-06-01', enterprises });
    expect(res.statusCode).toBe(403);
  });
});
