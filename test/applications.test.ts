// From 申报 to 拨付 through the API, in both cities: the enterprise applies with its evidence, the
// region and the city review, 公示 with an objection, 批准 commits the fund, 验收 opens the payment,
// and every refusal the issue lists is checked — each with nothing changed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../src/db/client.ts';
import { closePublicityPeriods } from '../src/use-cases/publicity/close-due-batches.ts';
import { type Client, login, startTestApp, type TestApp } from './helpers/app.ts';

let t: TestApp;
let admin: Client, reviewer: Client, baoying: Client, baoying2: Client, qiye: Client, finance: Client, kunshan: Client, kunshan2: Client, gaoyou: Client | null;
beforeAll(async () => {
  t = await startTestApp({ enterprises: 24 });
  [admin, reviewer, baoying, baoying2, qiye, finance, kunshan, kunshan2] = await Promise.all(
    (['admin', 'reviewer', 'baoying', 'baoying2', 'qiye', 'finance', 'kunshan', 'kunshan2'] as const).map((u) => login(t.app, u)),
  ) as [Client, Client, Client, Client, Client, Client, Client, Client];
  gaoyou = null;
});
afterAll(async () => { await t?.close(); });

const PDF = (tag: string) => Buffer.from(`%PDF-1.4\n% ${tag}\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n`);
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

async function upload(c: Client, id: string, item: string, name: string, body: Buffer, stage = 'application') {
  return c.request('POST', `/api/v1/applications/${id}/evidence?item=${item}&name=${encodeURIComponent(name)}&stage=${stage}`, body, { 'content-type': 'application/octet-stream' });
}
async function detail(c: Client, id: string) {
  return (await c.request('GET', `/api/v1/applications/${id}`)).json();
}
async function uploadAll(c: Client, id: string, tag: string, stage = 'application') {
  const d = await detail(c, id);
  for (const item of d.evidence.filter((e: { stage: string }) => e.stage === stage)) {
    const res = await upload(c, id, item.id, `${item.label}.pdf`, PDF(`${tag}-${item.id}`), stage);
    expect(res.statusCode).toBe(201);
  }
}
const qiyeEnterprise = async () => (await qiye.request('GET', '/api/v1/auth/me')).json().user.enterpriseId as string;
const fundRow = async (name: string) => (await queryRows<{ committed_fen: string; disbursed_fen: string; budget_fen: string }>(t.database.db, sql`select committed_fen::text, disbursed_fen::text, budget_fen::text from funds where name = ${name}`))[0]!;

describe('扬州 附件1 二(一) 智能化改造: the whole path', () => {
  let id: string;
  let version: number;

  it('finance sets up the 2023 city fund; a budget below 1亿元 is accepted and flagged (附件1 一)', async () => {
    const low = await finance.request('POST', '/api/v1/funds', { city: 'yangzhou', year: 2023, level: 'city', budgetFen: 50_000_000_00 });
    expect(low.statusCode).toBe(201);
    expect(low.json().floorWarning).toContain('1亿元');
    const raised = await finance.request('PATCH', `/api/v1/funds/${low.json().id}`, { version: low.json().version, budgetFen: 100_000_000_00 });
    expect(raised.json()).toMatchObject({ budgetFen: 100_000_000_00, floorWarning: null });
    const again = await admin.request('POST', '/api/v1/funds', { city: 'yangzhou', year: 2023, level: 'city', budgetFen: 1 });
    expect(again.statusCode).toBe(409);
  });

  it('the enterprise opens an application: the engine measures 0~325万元 for 2,500万元 of investment', async () => {
    const res = await qiye.request('POST', '/api/v1/applications', { policyId: 'yangzhou-2022-20', measureId: 'smart-retrofit', facts: { 'projects.annual_investment': '2500万元' } });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ status: 'draft', minFen: 0, maxFen: 325_000_000, payer: 'city', number: expect.stringMatching(/^YZ-2023-\d{6}$/) });
    id = res.json().id;
  });

  it('a government determination cannot be stated in the form, and an unknown fact is named', async () => {
    const res = await qiye.request('POST', '/api/v1/applications', { policyId: 'yangzhou-2022-20', measureId: 'smart-retrofit', facts: { cloud_star_level: 5, 'projects.annual_investment': '2500万元' } });
    expect(res.json()).toMatchObject({ code: 'INVALID', field: 'facts.cloud_star_level' });
  });

  it('submission is refused while evidence is missing, naming the item', async () => {
    const res = await qiye.request('POST', `/api/v1/applications/${id}/submit`, { version: 1 });
    expect(res.statusCode).toBe(400);
    expect(res.json().field).toMatch(/^evidence\./);
    expect((await detail(qiye, id)).application.status).toBe('draft');
  });

  it('a file whose content is not what its name claims is refused', async () => {
    const res = await upload(qiye, id, 'invoices', '发票.pdf', PNG);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ field: 'file' });
    expect(res.json().message).toContain('PNG');
    const html = await upload(qiye, id, 'invoices', '发票.pdf', Buffer.from('<html><script>alert(1)</script></html>'));
    expect(html.statusCode).toBe(400);
  });

  it('with every item uploaded it is submitted and waits for 县区初审', async () => {
    await uploadAll(qiye, id, 'A');
    const res = await qiye.request('POST', `/api/v1/applications/${id}/submit`, { version: 1 });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'in_review', currentStep: { id: 'county-review', name: '县区初审' } });
    version = res.json().version;
  });

  it('another region\'s officer cannot see it; the enterprise cannot review it; the city reviewer must wait for the county', async () => {
    expect((await kunshan.request('GET', `/api/v1/applications/${id}`)).statusCode).toBe(404);
    expect((await reviewer.request('POST', `/api/v1/applications/${id}/approve`, { version })).statusCode).toBe(403);
    const todo = (await baoying.request('GET', '/api/v1/applications?todo=true')).json();
    expect(todo.items.map((a: { id: string }) => a.id)).toContain(id);
  });

  it('县区初审 marks a file for correction and returns to the applicant, who corrects and resubmits', async () => {
    const d = await detail(baoying, id);
    const invoice = d.evidence.find((e: { id: string }) => e.id === 'invoices').files[0];
    expect((await baoying.request('POST', `/api/v1/applications/${id}/evidence/${invoice.id}/review`, { status: 'needs_correction', note: '发票金额与清单不符' })).statusCode).toBe(200);
    const back = await baoying.request('POST', `/api/v1/applications/${id}/return`, { version, to: 'applicant', reason: '请补正发票' });
    expect(back.json()).toMatchObject({ status: 'returned' });
    const refused = await qiye.request('POST', `/api/v1/applications/${id}/submit`, { version: back.json().version });
    expect(refused.json()).toMatchObject({ field: 'evidence.invoices' });
    expect((await upload(qiye, id, 'invoices', '发票(补正).pdf', PDF('A-invoices-2'))).statusCode).toBe(201);
    const again = await qiye.request('POST', `/api/v1/applications/${id}/submit`, { version: back.json().version });
    expect(again.statusCode).toBe(200);
    version = again.json().version;
    const history = (await detail(qiye, id)).history;
    expect(history.map((h: { action: string }) => h.action)).toEqual(['create', 'submit', 'return_applicant', 'submit']);
    expect(history[2].snapshot.evidence.some((e: { status: string }) => e.status === 'needs_correction')).toBe(true);
  });

  it('县区初审 then 市级复审 pass; a stale version gets 409', async () => {
    const a = await baoying.request('POST', `/api/v1/applications/${id}/approve`, { version, opinion: '现场核查属实' });
    expect(a.json()).toMatchObject({ currentStep: { id: 'city-review' } });
    expect((await reviewer.request('POST', `/api/v1/applications/${id}/approve`, { version })).statusCode).toBe(409);
    const b = await reviewer.request('POST', `/api/v1/applications/${id}/approve`, { version: a.json().version });
    expect(b.json()).toMatchObject({ status: 'in_review', currentStep: { id: 'publicity', kind: 'publicity' } });
    version = b.json().version;
  });

  it('公示: published in a batch with a public notice; an anonymous objection is refused, a real-name one blocks approval until resolved', async () => {
    const pub = await admin.request('POST', '/api/v1/publicity', { title: '2023年扬州市智改数转专项资金拟支持项目公示', applicationIds: [id], contact: '市工信局技术改造处,电话 0514-87360000' });
    expect(pub.statusCode).toBe(201);
    expect(pub.json()).toMatchObject({ startsOn: '2023-06-01', endsOn: '2023-06-07', unit: 'calendar' });
    const notice = await t.app.inject({ method: 'GET', url: `/api/v1/publicity/${pub.json().id}/notice` });
    expect(notice.body).toContain('2023年扬州市智改数转专项资金拟支持项目公示');
    expect(notice.body).toContain('匿名异议不予受理');
    const anon = await admin.request('POST', `/api/v1/applications/${id}/objections`, { name: '匿名', phone: '13800000000', content: '该企业投资额虚报,请核查。', receivedOn: '2023-06-01' });
    expect(anon.json()).toMatchObject({ field: 'name' });
    const obj = await admin.request('POST', `/api/v1/applications/${id}/objections`, { name: '李四', phone: '13800000000', content: '该企业投资额中含有旧设备,请核查。', receivedOn: '2023-06-01' });
    expect(obj.statusCode).toBe(201);
    await closePublicityPeriods(t.database.db, '2023-06-08');
    const d = await detail(admin, id);
    expect(d.application).toMatchObject({ status: 'in_review', currentStep: { id: 'approval' } });
    version = d.application.version;
    const blocked = await admin.request('POST', `/api/v1/applications/${id}/approve`, { version, amountFen: 300_000_000 });
    expect(blocked.json()).toMatchObject({ code: 'CONFLICT', field: 'objections' });
    expect((await admin.request('POST', `/api/v1/objections/${obj.json().id}/resolve`, { decision: 'dismissed', resolution: '经核查旧设备未计入投资额' })).statusCode).toBe(200);
  });

  it('批准 above the engine\'s maximum is refused naming the limit; within it the fund is committed and the ledger records it', async () => {
    const d = await detail(admin, id);
    expect(d.preview.funds[0]).toMatchObject({ level: 'city', remainingFen: 100_000_000_00 });
    const over = await admin.request('POST', `/api/v1/applications/${id}/approve`, { version, amountFen: 325_000_001 });
    expect(over.json()).toMatchObject({ code: 'INVALID', field: 'amountFen' });
    expect(over.json().message).toContain('325万元');
    const ok = await admin.request('POST', `/api/v1/applications/${id}/approve`, { version, amountFen: 325_000_000, opinion: '同意' });
    expect(ok.json()).toMatchObject({ status: 'approved', approvedFen: 325_000_000, cityPartFen: 325_000_000, countyPartFen: 0 });
    version = ok.json().version;
    expect(await fundRow('2023年扬州市智改数转专项资金')).toMatchObject({ committed_fen: '325000000', disbursed_fen: '0' });
  });

  it('事后奖补: no payment before 验收; 验收 needs its own evidence; then the payment counts for the region\'s 附件2 target', async () => {
    const early = await finance.request('POST', `/api/v1/applications/${id}/disbursements`, { amountFen: 100_000_000, paidOn: '2023-06-01', voucher: 'YZCZ-2023-0001' });
    expect(early.json()).toMatchObject({ code: 'INVALID', field: 'amountFen' });
    expect(early.json().message).toContain('验收');
    const noEvidence = await baoying.request('POST', `/api/v1/applications/${id}/acceptance`, { version, result: 'passed', note: '已完成' });
    expect(noEvidence.json().field).toMatch(/^evidence\./);
    await uploadAll(baoying, id, 'ACC', 'acceptance');
    const accepted = await baoying.request('POST', `/api/v1/applications/${id}/acceptance`, { version, result: 'passed', note: '项目已建成投用' });
    expect(accepted.json()).toMatchObject({ acceptance: 'passed' });
    const targets = (await admin.request('GET', '/api/v1/assessment/2022/targets')).json().regions.map((r: Record<string, unknown>) =>
      ({ regionId: r.regionId, retrofit: r.retrofit, cloud: r.cloud, portrait: r.portrait, benchmark: r.benchmark, coveragePercent: r.coveragePercent }));
    expect((await admin.request('PUT', '/api/v1/assessment/2023/targets', { regions: targets })).statusCode).toBe(200);
    const over = await finance.request('POST', `/api/v1/applications/${id}/disbursements`, { amountFen: 325_000_001, paidOn: '2023-06-01', voucher: 'YZCZ-2023-0002' });
    expect(over.json()).toMatchObject({ field: 'amountFen' });
    const paid = await finance.request('POST', `/api/v1/applications/${id}/disbursements`, { amountFen: 325_000_000, paidOn: '2023-06-01', voucher: 'YZCZ-2023-0002' });
    expect(paid.statusCode).toBe(200);
    expect(paid.json().assessment).toMatchObject({ counted: true });
    expect(await fundRow('2023年扬州市智改数转专项资金')).toMatchObject({ committed_fen: '325000000', disbursed_fen: '325000000' });
    const projects = (await baoying.request('GET', '/api/v1/assessment/2023/projects?category=retrofit')).json();
    expect(projects).toEqual([expect.objectContaining({ category: 'retrofit', subsidyLevel: 'city', countedOn: '2023-06-01' })]);
  });

  it('the payments ledger exports one row per payment with its voucher', async () => {
    const res = await finance.request('GET', '/api/v1/reports/payments.xlsx?city=yangzhou&year=2023');
    expect(res.statusCode).toBe(200);
    const ExcelJS = (await import('../src/lib/exceljs.ts')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(3).getCell(3).value).toBe('YZCZ-2023-0002');
    expect(ws.getRow(3).getCell(14).value).toBe('3250000.00');
  });
});

describe('the same file in two applications is flagged (比对查重)', () => {
  it('the reviewer sees the other application that offered the same bytes', async () => {
    const res = await qiye.request('POST', '/api/v1/applications', { policyId: 'yangzhou-2022-20', measureId: 'smart-retrofit', facts: { 'projects.annual_investment': '3000万元' } });
    const id = res.json().id;
    expect((await upload(qiye, id, 'invoices', '同一张发票.pdf', PDF('A-invoices-2'))).statusCode).toBe(201);
    const d = await detail(qiye, id);
    const file = d.evidence.find((e: { id: string }) => e.id === 'invoices').files[0];
    expect(file.duplicates).toEqual([expect.objectContaining({ number: expect.stringMatching(/^YZ-2023-/) })]);
  });
});

describe('苏州 (一) 贴息: 200万元 per enterprise per year across its loans, and four-eyes', () => {
  let first: string;
  let second: string;
  const apply = async (loan: string) => {
    const res = await kunshan.request('POST', '/api/v1/applications', {
      enterpriseId: await t.enterpriseIn('sz-kunshan'), policyId: 'suzhou-2020', measureId: 'loan-interest-city',
      facts: { 'projects.loan_via_platform': true, 'projects.loan_amount': loan },
    });
    expect(res.statusCode).toBe(201);
    const id = res.json().id as string;
    await uploadAll(kunshan, id, `SZ-${loan}`);
    return id;
  };
  const through = async (id: string) => {
    let v = (await kunshan.request('POST', `/api/v1/applications/${id}/submit`, { version: 1 })).json().version;
    // The officer who prepared it may not review it (four-eyes): a colleague does.
    expect((await kunshan.request('POST', `/api/v1/applications/${id}/approve`, { version: v })).json().message).toContain('四眼');
    v = (await kunshan2.request('POST', `/api/v1/applications/${id}/approve`, { version: v })).json().version;
    v = (await reviewer.request('POST', `/api/v1/applications/${id}/approve`, { version: v })).json().version;
    return v as number;
  };

  it('two loans in one year: the second gets only what is left of the 200万元', async () => {
    await finance.request('POST', '/api/v1/funds', { city: 'suzhou', year: 2023, level: 'city', budgetFen: 50_000_000_00 });
    first = await apply('15000万元');
    second = await apply('20000万元');
    const v1 = await through(first);
    const v2 = await through(second);
    const batch = await admin.request('POST', '/api/v1/publicity', { title: '2023年苏州市智能化改造贷款贴息拟支持项目公示', applicationIds: [first, second], contact: '市工信局,电话 0512-00000000' });
    expect(batch.statusCode).toBe(201);
    await closePublicityPeriods(t.database.db, '2023-06-30');
    const a = await admin.request('POST', `/api/v1/applications/${first}/approve`, { version: v1 + 2, amountFen: 150_000_000 });
    expect(a.json()).toMatchObject({ status: 'approved', approvedFen: 150_000_000 });
    const b = await admin.request('POST', `/api/v1/applications/${second}/approve`, { version: v2 + 2, amountFen: 200_000_000 });
    expect(b.json()).toMatchObject({ code: 'INVALID', field: 'amountFen' });
    expect(b.json().message).toContain('还可核定 50万元');
    expect((await admin.request('POST', `/api/v1/applications/${second}/approve`, { version: v2 + 2, amountFen: 50_000_000 })).json()).toMatchObject({ status: 'approved' });
  });

  it('an expired policy cannot be submitted (苏州 有效期至2023-12-31)', async () => {
    const late = await startTestApp({ enterprises: 12, businessDate: '2024-03-01' });
    try {
      const c = await login(late.app, 'kunshan');
      const res = await c.request('POST', '/api/v1/applications', {
        enterpriseId: await late.enterpriseIn('sz-kunshan'), policyId: 'suzhou-2020', measureId: 'loan-interest-city',
        facts: { 'projects.loan_via_platform': true, 'projects.loan_amount': '100万元' },
      });
      expect(res.statusCode).toBe(201);
      const submit = await c.request('POST', `/api/v1/applications/${res.json().id}/submit`, { version: 1 });
      expect(submit.json()).toMatchObject({ code: 'INVALID', field: 'policyId' });
      expect(submit.json().message).toContain('已届满失效');
    } finally {
      await late.close();
    }
  });

  it('a budget that cannot hold an approval refuses it, saying what is left, and changes nothing', async () => {
    // A second enterprise of 宝应县, prepared by its officer, reviewed by a colleague (four-eyes).
    const list = (await baoying.request('GET', '/api/v1/enterprises?regionId=yz-baoying&pageSize=50')).json().items as { id: string }[];
    const own = await qiyeEnterprise();
    const enterpriseId = list.find((e) => e.id !== own)!.id;
    const res = await baoying.request('POST', '/api/v1/applications', { enterpriseId, policyId: 'yangzhou-2022-20', measureId: 'smart-retrofit', facts: { 'projects.annual_investment': '2000万元' } });
    const id = res.json().id as string;
    await uploadAll(baoying, id, 'BUDGET');
    let v = (await baoying.request('POST', `/api/v1/applications/${id}/submit`, { version: 1 })).json().version;
    v = (await baoying2.request('POST', `/api/v1/applications/${id}/approve`, { version: v })).json().version;
    v = (await reviewer.request('POST', `/api/v1/applications/${id}/approve`, { version: v })).json().version;
    await admin.request('POST', '/api/v1/publicity', { title: '补充公示', applicationIds: [id], contact: '市工信局,电话 0514-87360000' });
    await closePublicityPeriods(t.database.db, '2023-07-30');
    const fund = (await finance.request('GET', '/api/v1/funds?city=yangzhou&year=2023')).json()[0];
    expect((await finance.request('PATCH', `/api/v1/funds/${fund.id}`, { version: fund.version, budgetFen: fund.committedFen + 5_000_000 })).statusCode).toBe(200);
    const refused = await admin.request('POST', `/api/v1/applications/${id}/approve`, { version: v + 2, amountFen: 10_000_000 });
    expect(refused.json()).toMatchObject({ code: 'CONFLICT', field: 'amountFen', details: { remainingFen: 5_000_000 } });
    expect(refused.json().message).toContain('剩余 5万元');
    expect((await detail(admin, id)).application.status).toBe('in_review');
    const after = (await finance.request('GET', '/api/v1/funds?city=yangzhou&year=2023')).json()[0];
    expect(after.committedFen).toBe(fund.committedFen);
  });

  it('an enterprise of another city cannot apply under this policy; an officer cannot apply outside their region', async () => {
    const yz = await qiye.request('POST', '/api/v1/applications', { policyId: 'suzhou-2020', measureId: 'loan-interest-city', facts: {} });
    expect(yz.json()).toMatchObject({ field: 'policyId' });
    const other = await baoying.request('POST', '/api/v1/applications', { enterpriseId: await t.enterpriseIn('sz-kunshan'), policyId: 'suzhou-2020', measureId: 'loan-interest-city', facts: {} });
    expect(other.statusCode).toBe(404);
    void gaoyou;
  });
});

describe('苏州 (四) 五星级上云 (分级承担): each level\'s part committed and paid from its own fund; a failed 验收 releases and reclaims', () => {
  let id: string;
  let version: number;
  const szFund = async (level: 'city' | 'county') => ((await finance.request('GET', '/api/v1/funds?city=suzhou&year=2023')).json() as { level: string; committedFen: number; disbursedFen: number }[]).find((f) => f.level === level)!;

  it('the star level comes from the file: only a confirmed 2023 五星级上云 makes the enterprise eligible', async () => {
    const enterpriseId = await t.enterpriseIn('sz-kunshan');
    const file = (await kunshan.request('GET', `/api/v1/enterprises/${enterpriseId}`)).json();
    const patched = await kunshan.request('PATCH', `/api/v1/enterprises/${enterpriseId}`, {
      version: file.version, certifications: [...file.certifications, { kind: 'cloud', level: '5', title: '江苏省五星级上云企业', year: 2023 }],
    });
    expect(patched.statusCode).toBe(200);
    expect((await finance.request('POST', '/api/v1/funds', { city: 'suzhou', year: 2023, level: 'county', regionId: 'sz-kunshan', budgetFen: 10_000_000_00 })).statusCode).toBe(201);
    const res = await kunshan.request('POST', '/api/v1/applications', { enterpriseId, policyId: 'suzhou-2020', measureId: 'cloud-five-star', facts: {} });
    expect(res.json()).toMatchObject({ eligible: true, maxFen: 10_000_000, payer: 'shared' });
    id = res.json().id;
    await uploadAll(kunshan, id, 'CLOUD');
    version = (await kunshan.request('POST', `/api/v1/applications/${id}/submit`, { version: 1 })).json().version;
    version = (await kunshan2.request('POST', `/api/v1/applications/${id}/approve`, { version })).json().version;
    version = (await reviewer.request('POST', `/api/v1/applications/${id}/approve`, { version })).json().version;
    await admin.request('POST', '/api/v1/publicity', { title: '五星级上云补贴公示', applicationIds: [id], contact: '苏州市工信局,电话 0512-68610000' });
    await closePublicityPeriods(t.database.db, '2023-08-30');
    version = (await detail(admin, id)).application.version;
  });

  it('a shared measure needs both parts, and they must add up', async () => {
    const missing = await admin.request('POST', `/api/v1/applications/${id}/approve`, { version, amountFen: 10_000_000 });
    expect(missing.json()).toMatchObject({ field: 'cityPartFen' });
    const wrong = await admin.request('POST', `/api/v1/applications/${id}/approve`, { version, amountFen: 10_000_000, cityPartFen: 6_000_000, countyPartFen: 5_000_000 });
    expect(wrong.json()).toMatchObject({ field: 'countyPartFen' });
  });

  it('an officer sees its own city\'s city-level fund and its own county\'s, never another city\'s', async () => {
    const funds = async (c: Client) => ((await c.request('GET', '/api/v1/funds?year=2023')).json() as { id: string; city: string; level: string; regionId: string | null }[]);
    const all = await funds(finance);
    const yzCity = all.find((f) => f.city === 'yangzhou' && f.level === 'city')!;
    const szCity = all.find((f) => f.city === 'suzhou' && f.level === 'city')!;
    expect(yzCity && szCity).toBeTruthy();
    expect((await funds(kunshan)).map((f) => [f.city, f.level, f.regionId]).sort()).toEqual([['suzhou', 'city', null], ['suzhou', 'county', 'sz-kunshan']]);
    expect((await kunshan.request('GET', `/api/v1/funds/${yzCity.id}`)).statusCode).toBe(404);
    expect((await kunshan.request('GET', `/api/v1/funds/${szCity.id}`)).statusCode).toBe(200);
    expect((await funds(baoying)).every((f) => f.city === 'yangzhou')).toBe(true);
    expect((await baoying.request('GET', `/api/v1/funds/${szCity.id}`)).statusCode).toBe(404);
  });

  it('approved with 启动资金: the city part and the county part are committed from their funds', async () => {
    const before = { city: await szFund('city'), county: await szFund('county') };
    const ok = await admin.request('POST', `/api/v1/applications/${id}/approve`, { version, amountFen: 10_000_000, cityPartFen: 5_000_000, countyPartFen: 5_000_000, advanceFen: 3_000_000 });
    expect(ok.json()).toMatchObject({ status: 'approved', cityPartFen: 5_000_000, countyPartFen: 5_000_000, advanceFen: 3_000_000 });
    version = ok.json().version;
    expect((await szFund('city')).committedFen - before.city.committedFen).toBe(5_000_000);
    expect((await szFund('county')).committedFen - before.county.committedFen).toBe(5_000_000);
  });

  it('before 验收 only the 启动资金 may be paid; a failed 验收 releases the rest and the advance is reclaimed', async () => {
    const advance = await finance.request('POST', `/api/v1/applications/${id}/disbursements`, { amountFen: 3_000_000, level: 'city', paidOn: '2023-06-01', voucher: 'SZCZ-ADV-01', purpose: 'advance' });
    expect(advance.statusCode).toBe(200);
    const more = await finance.request('POST', `/api/v1/applications/${id}/disbursements`, { amountFen: 1, level: 'county', paidOn: '2023-06-01', voucher: 'SZCZ-ADV-02', purpose: 'advance' });
    expect(more.json()).toMatchObject({ field: 'amountFen' });
    const before = { city: await szFund('city'), county: await szFund('county') };
    await uploadAll(kunshan, id, 'CLOUD-ACC', 'acceptance');
    const failed = await kunshan.request('POST', `/api/v1/applications/${id}/acceptance`, { version: (await detail(admin, id)).application.version, result: 'failed', note: '上云服务未实际开通' });
    expect(failed.json()).toMatchObject({ acceptance: 'failed' });
    // Unpaid commitment goes back: the city's 2万元 not paid, the county's whole 5万元.
    expect(before.city.committedFen - (await szFund('city')).committedFen).toBe(2_000_000);
    expect(before.county.committedFen - (await szFund('county')).committedFen).toBe(5_000_000);
    expect((await finance.request('POST', `/api/v1/applications/${id}/disbursements`, { amountFen: 1, level: 'city', paidOn: '2023-06-01', voucher: 'X-1', purpose: 'award' })).json()).toMatchObject({ field: 'amountFen' });
    const tooMuch = await finance.request('POST', `/api/v1/applications/${id}/reclaims`, { amountFen: 3_000_001, level: 'city', paidOn: '2023-06-01', voucher: 'SZCZ-RC-01' });
    expect(tooMuch.json()).toMatchObject({ field: 'amountFen' });
    const back = await finance.request('POST', `/api/v1/applications/${id}/reclaims`, { amountFen: 3_000_000, level: 'city', paidOn: '2023-06-01', voucher: 'SZCZ-RC-01' });
    expect(back.json()).toMatchObject({ disbursedFen: 3_000_000, reclaimedFen: 3_000_000 });
    const city = await szFund('city');
    expect(before.city.committedFen - city.committedFen).toBe(5_000_000);
    expect(before.city.disbursedFen - city.disbursedFen).toBe(3_000_000);
  });

  it('the enterprise file lists the enterprise\'s applications', async () => {
    const enterpriseId = await t.enterpriseIn('sz-kunshan');
    const list = (await kunshan.request('GET', `/api/v1/applications?enterpriseId=${enterpriseId}&pageSize=50`)).json();
    expect(list.items.map((a: { id: string }) => a.id)).toContain(id);
    expect(list.items.every((a: { enterpriseId: string }) => a.enterpriseId === enterpriseId)).toBe(true);
    expect((await baoying.request('GET', `/api/v1/applications?enterpriseId=${enterpriseId}`)).json().total).toBe(0);
  });
});

describe('公示 in working days, on the city\'s holiday calendar (a chain set per measure)', () => {
  it('16 working days from Thursday 2023-06-01 skip the 端午 holidays and end on Sunday 6月25日, a 调休 working day', async () => {
    const days = [
      { day: '2023-06-22', kind: 'holiday', note: '端午节' }, { day: '2023-06-23', kind: 'holiday', note: '端午节' }, { day: '2023-06-25', kind: 'workday', note: '端午节调休' },
    ];
    expect((await admin.request('PUT', '/api/v1/calendar/2023', { days })).statusCode).toBe(200);
    expect((await admin.request('PUT', '/api/v1/calendar/2023', { days: [{ day: '2023-06-24', kind: 'holiday', note: '周六' }] })).json()).toMatchObject({ field: 'days.0.kind' });
    const chain = {
      steps: [
        { id: 'county-review', name: '县区初审', kind: 'review', role: 'region_officer', scope: 'region', mode: 'any' },
        { id: 'experts', name: '专家评审', kind: 'review', role: 'city_reviewer', scope: 'city', mode: 'any' },
        { id: 'publicity', name: '公示', kind: 'publicity', role: 'city_admin', scope: 'city', mode: 'any' },
        { id: 'approval', name: '批准', kind: 'approval', role: 'city_admin', scope: 'city', mode: 'any' },
      ],
      publicity: { length: 16, unit: 'working' },
    };
    const bad = await admin.request('POST', '/api/v1/review-chains', { policyId: 'yangzhou-2022-20', measureId: 'industrial-internet-platform', year: 2023, chain: { ...chain, steps: chain.steps.slice(0, 3) } });
    expect(bad.json()).toMatchObject({ code: 'INVALID' });
    expect((await admin.request('POST', '/api/v1/review-chains', { policyId: 'yangzhou-2022-20', measureId: 'industrial-internet-platform', year: 2023, chain })).statusCode).toBe(201);
    const res = await qiye.request('POST', '/api/v1/applications', { policyId: 'yangzhou-2022-20', measureId: 'industrial-internet-platform', facts: { platform_level: 'provincial', platform_annual_investment: '1000万元' } });
    expect(res.json()).toMatchObject({ maxFen: 130_000_000 });
    const id = res.json().id as string;
    await uploadAll(qiye, id, 'PLATFORM');
    let v = (await qiye.request('POST', `/api/v1/applications/${id}/submit`, { version: 1 })).json().version;
    v = (await baoying.request('POST', `/api/v1/applications/${id}/approve`, { version: v })).json().version;
    const at = await reviewer.request('POST', `/api/v1/applications/${id}/approve`, { version: v });
    expect(at.json().currentStep).toMatchObject({ id: 'publicity' });
    const pub = await admin.request('POST', '/api/v1/publicity', { title: '工业互联网平台补助公示', applicationIds: [id], contact: '市工信局,电话 0514-87360000' });
    expect(pub.json()).toMatchObject({ startsOn: '2023-06-01', endsOn: '2023-06-25', length: 16, unit: 'working' });
  });
});

