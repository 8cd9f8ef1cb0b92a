// Diagnosis services through the API, in both cities: the provider pool's admission, quotas and fee
// caps at their boundaries, a diagnosis from request to paid with its supervision and structured
// report, the region's 数字画像 count, 诊改联动, and who may see and do what.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../src/db/client.ts';
import { makeUscc } from '../src/domain/uscc/uscc.ts';
import { closeDueAdmissions } from '../src/use-cases/providers/admission-step.ts';
import { getInstrument } from '../src/io/instruments.ts';
import { DEMO_PASSWORD } from '../src/db/seed/seed.ts';
import { DEMO_ORGS } from '../src/db/seed/demo-orgs.ts';
import { type Client, login, startTestApp, type TestApp } from './helpers/app.ts';

let t: TestApp;
let admin: Client, reviewer: Client, baoying: Client, qiye: Client, qiyeSz: Client, finance: Client, kunshan: Client;
let provider: Client, supervisor: Client, providerSz: Client, supervisorSz: Client;
const orgId: Record<string, string> = {};

beforeAll(async () => {
  t = await startTestApp({ enterprises: 24 });
  [admin, reviewer, baoying, qiye, qiyeSz, finance, kunshan, provider, supervisor, providerSz, supervisorSz] = await Promise.all(
    (['admin', 'reviewer', 'baoying', 'qiye', 'qiye-sz', 'finance', 'kunshan', 'provider', 'supervisor', 'provider-sz', 'supervisor-sz'] as const).map((u) => login(t.app, u)),
  ) as [Client, Client, Client, Client, Client, Client, Client, Client, Client, Client, Client];
  const pool = (await admin.request('GET', '/api/v1/providers')).json() as { id: string; uscc: string; kind: string }[];
  for (const o of DEMO_ORGS) orgId[o.key.replace('yz-', 'yangzhou-').replace('sz-', 'suzhou-')] = pool.find((p) => p.uscc === o.uscc && p.kind === o.kind)!.id;
  for (const [city, budgetFen] of [['yangzhou', 120_000_000_00], ['suzhou', 80_000_000_00]] as const) {
    expect((await finance.request('POST', '/api/v1/funds', { city, year: 2023, level: 'city', budgetFen })).statusCode).toBe(201);
  }
  expect((await finance.request('POST', '/api/v1/funds', { city: 'suzhou', year: 2023, level: 'county', regionId: 'sz-kunshan', budgetFen: 30_000_000_00 })).statusCode).toBe(201);
});
afterAll(async () => { await t?.close(); });

const PDF = (tag: string) => Buffer.from(`%PDF-1.4\n% ${tag}\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n`);
const upload = (c: Client, id: string, kind: string, tag = kind) =>
  c.request('POST', `/api/v1/diagnoses/${id}/documents?kind=${kind}&name=${encodeURIComponent(`${tag}.pdf`)}`, PDF(`${id}-${tag}`), { 'content-type': 'application/pdf' });
const get = async (c: Client, id: string) => (await c.request('GET', `/api/v1/diagnoses/${id}`)).json();
const fundOf = async (city: string, level = 'city') =>
  (await queryRows<{ committed_fen: string; disbursed_fen: string }>(t.database.db, sql`select committed_fen::text, disbursed_fen::text from funds where city = ${city} and year = 2023 and level = ${level}`))[0]!;

/** Every question answered with its top option and every scene at `sceneLevel`: 100 points. */
function fullAnswers(sceneLevel: number) {
  const inst = getInstrument('miit-sme-2024');
  const answers: Record<string, string[]> = {};
  for (const q of inst.questions) {
    answers[q.id] = q.type === 'multi'
      ? q.options.filter((o) => !o.exclusive).map((o) => o.key)
      : [q.options.reduce((a, b) => (b.milli > a.milli ? b : a)).key];
  }
  return { answers, scenes: Object.fromEntries(inst.scenes.map((s) => [s.id, sceneLevel])) };
}

async function requestAndDispatch(enterprise: Client, dispatcher: Client, scope: string, prov: string, sup: string, funding?: string) {
  const req = await enterprise.request('POST', '/api/v1/diagnoses', { scope, need: '希望了解车间数字化短板' });
  expect(req.statusCode, req.body).toBe(201);
  const d = req.json();
  return dispatcher.request('POST', `/api/v1/diagnoses/${d.id}/dispatch`, {
    version: d.version, providerId: prov, supervisorId: sup, reason: '负荷最低、行业匹配', dueOn: '2023-08-31', ...(funding && { funding }),
  });
}

describe('provider pool: 申报 → 属地初审 → 专家评审 → 公示 → 入库, sanctions and appeal', () => {
  let id: string;
  let version: number;
  const uscc = makeUscc('9', '1', '321023', 'MA1XT001');

  it('the region registers a provider; a bad USCC and a second registration of the same code are refused', async () => {
    const bad = await baoying.request('POST', '/api/v1/providers', { kind: 'provider', regionId: 'yz-baoying', uscc: '91321023MA1XT0010X', name: '宝应数字化服务有限公司', contactName: '赵工', contactPhone: '0514-88001234', scopes: ['workshop'], capacity: 3 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().field).toBe('uscc');
    const other = await baoying.request('POST', '/api/v1/providers', { kind: 'provider', regionId: 'yz-gaoyou', uscc, name: '宝应数字化服务有限公司', contactName: '赵工', contactPhone: '0514-88001234', scopes: ['workshop'], capacity: 3 });
    expect(other.statusCode).toBe(403);
    const res = await baoying.request('POST', '/api/v1/providers', { kind: 'provider', regionId: 'yz-baoying', uscc, name: '宝应数字化服务有限公司', contactName: '赵工', contactPhone: '0514-88001234', scopes: ['workshop'], industries: ['C34'], capacity: 3 });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ status: 'draft', standing: 'none' });
    id = res.json().id;
    version = res.json().version;
    const again = await admin.request('POST', '/api/v1/providers', { kind: 'provider', regionId: 'yz-baoying', uscc, name: '重复', contactName: '赵工', contactPhone: '0514-88001234', capacity: 3 });
    expect(again.statusCode).toBe(409);
  });

  it('its own account submits; 属地初审 by 宝应县, 专家评审 by the city reviewer; the city opens the 公示', async () => {
    const user = await admin.request('POST', '/api/v1/users', { username: 'by-provider', displayName: '赵工', role: 'provider', password: DEMO_PASSWORD, organisationId: id });
    expect(user.statusCode, user.body).toBe(201);
    const noOrg = await admin.request('POST', '/api/v1/users', { username: 'lost-provider', displayName: '某人', role: 'provider', password: DEMO_PASSWORD });
    expect(noOrg.json().field).toBe('organisationId');
    const own = await login(t.app, 'by-provider');
    const submitted = await own.request('POST', `/api/v1/providers/${id}/steps`, { version, action: 'submit' });
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect(submitted.json()).toMatchObject({ status: 'in_review', currentStep: '属地初审' });
    const wrongReviewer = await reviewer.request('POST', `/api/v1/providers/${id}/steps`, { version: submitted.json().version, action: 'approve' });
    expect(wrongReviewer.statusCode).toBe(403);
    const local = await baoying.request('POST', `/api/v1/providers/${id}/steps`, { version: submitted.json().version, action: 'approve' });
    expect(local.json()).toMatchObject({ currentStep: '专家评审' });
    const expert = await reviewer.request('POST', `/api/v1/providers/${id}/steps`, { version: local.json().version, action: 'approve' });
    expect(expert.json()).toMatchObject({ currentStep: '公示' });
    const pub = await admin.request('POST', `/api/v1/providers/${id}/steps`, { version: expert.json().version, action: 'publicity' });
    expect(pub.json(), pub.body).toMatchObject({ status: 'in_publicity', publicityStartsOn: '2023-06-01', publicityEndsOn: '2023-06-07' });
    version = pub.json().version;
  });

  it('a real-name objection blocks 入库 until it is settled; after the 公示 ends the city admits it (yearly 复核 due a year on)', async () => {
    const obj = await admin.request('POST', `/api/v1/providers/${id}/objections`, { name: '孙先生', phone: '13800000000', content: '该公司曾未履行合同', receivedOn: '2023-06-01' });
    expect(obj.statusCode, obj.body).toBe(201);
    const closed = await closeDueAdmissions(t.database.db, '2023-06-08', { userId: null, name: 'system', role: 'city_admin', regionId: null, enterpriseId: null, ip: null });
    expect(closed).toBe(1);
    const now = (await admin.request('GET', `/api/v1/providers/${id}`)).json();
    const blocked = await admin.request('POST', `/api/v1/providers/${id}/steps`, { version: now.version, action: 'approve' });
    expect(blocked.statusCode).toBe(409);
    expect(blocked.json().message).toContain('异议');
    await admin.request('POST', `/api/v1/providers/${id}/objections/${now.objections[0].id}/resolve`, { status: 'dismissed', resolution: '经核实合同已履行' });
    const admitted = await admin.request('POST', `/api/v1/providers/${id}/steps`, { version: now.version, action: 'approve' });
    expect(admitted.json()).toMatchObject({ status: 'approved', standing: 'good', admittedOn: '2023-06-01', reviewDueOn: '2024-06-01' });
    version = admitted.json().version;
  });

  it('警告 → 申诉 → 成立 restores it; 取消资格 takes it out of dispatch', async () => {
    const warned = await admin.request('POST', `/api/v1/providers/${id}/sanctions`, { version, action: 'warn', reason: '报告逾期' });
    expect(warned.json()).toMatchObject({ standing: 'warned', standingReason: '报告逾期' });
    const own = await login(t.app, 'by-provider');
    const appeal = await own.request('POST', `/api/v1/providers/${id}/appeal`, { version: warned.json().version, text: '逾期系企业停产所致' });
    expect(appeal.json().appeal).toMatchObject({ status: 'open' });
    const foreign = await provider.request('POST', `/api/v1/providers/${id}/appeal`, { version: appeal.json().version, text: '冒名申诉' });
    expect(foreign.statusCode).toBe(404);
    const decided = await admin.request('POST', `/api/v1/providers/${id}/appeal/decision`, { version: appeal.json().version, upheld: true, decision: '情况属实' });
    expect(decided.json()).toMatchObject({ standing: 'good', appeal: { status: 'upheld' } });
    const noDate = await admin.request('POST', `/api/v1/providers/${id}/sanctions`, { version: decided.json().version, action: 'rectify', reason: '整改' });
    expect(noDate.json().field).toBe('rectifyBy');
    const removed = await admin.request('POST', `/api/v1/providers/${id}/sanctions`, { version: decided.json().version, action: 'remove', reason: '弄虚作假' });
    expect(removed.json()).toMatchObject({ standing: 'removed' });
    const res = await requestAndDispatch(qiye, admin, 'workshop', id, orgId['yangzhou-supervisor']!);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ field: 'providerId' });
    expect(res.json().message).toContain('取消资格');
  });
});

describe('quotas and fee caps', () => {
  it('苏州 (五) 市级每年40家工厂: the 41st city-funded factory diagnosis is refused, then placed on 昆山市’s own quota', async () => {
    const quotas = (await admin.request('GET', '/api/v1/diagnoses/quotas?city=suzhou&year=2023')).json();
    expect(quotas).toEqual(expect.arrayContaining([
      expect.objectContaining({ regionId: null, scope: 'factory', quota: 40, used: 0 }),
      expect.objectContaining({ regionId: null, scope: 'workshop', quota: 600, used: 0 }),
    ]));
    await t.database.db.execute(sql`update diagnosis_quotas set used = 39 where city = 'suzhou' and region_id = '' and year = 2023 and scope = 'factory'`);
    const fortieth = await requestAndDispatch(qiyeSz, admin, 'factory', orgId['suzhou-provider']!, orgId['suzhou-supervisor']!);
    expect(fortieth.statusCode, fortieth.body).toBe(200);
    expect(fortieth.json()).toMatchObject({ funding: 'city', status: 'dispatched' });
    const before = (await admin.request('GET', '/api/v1/diagnoses?city=suzhou')).json().length;
    const fortyFirst = await requestAndDispatch(qiyeSz, admin, 'factory', orgId['suzhou-provider']!, orgId['suzhou-supervisor']!);
    expect(fortyFirst.statusCode).toBe(409);
    expect(fortyFirst.json()).toMatchObject({ field: 'quota' });
    expect(fortyFirst.json().message).toContain('40/40');
    const stillRequested = (await admin.request('GET', '/api/v1/diagnoses?city=suzhou&status=requested')).json();
    expect(stillRequested).toHaveLength(1);
    expect((await admin.request('GET', '/api/v1/diagnoses?city=suzhou')).json().length).toBe(before + 1);
    const setOwn = await kunshan.request('PUT', '/api/v1/diagnoses/quotas', { city: 'suzhou', regionId: 'sz-kunshan', year: 2023, scope: 'factory', quota: 5 });
    expect(setOwn.statusCode, setOwn.body).toBe(200);
    const notCity = await kunshan.request('PUT', '/api/v1/diagnoses/quotas', { city: 'suzhou', regionId: null, year: 2023, scope: 'factory', quota: 50 });
    expect(notCity.statusCode).toBe(403);
    const d = stillRequested[0];
    const regional = await admin.request('POST', `/api/v1/diagnoses/${d.id}/dispatch`, { version: d.version, providerId: orgId['suzhou-provider'], supervisorId: orgId['suzhou-supervisor'], reason: '市级名额已满', dueOn: '2023-08-31' });
    expect(regional.statusCode, regional.body).toBe(200);
    expect(regional.json().funding).toBe('county');
    expect(regional.json().history.at(-1).summary).toContain('本地区名额');
  });

  it('苏州 (五) 工厂诊断服务费不高于20万元/家: 200,000.01元 is refused, 200,000.00元 is accepted and committed', async () => {
    const [d] = (await providerSz.request('GET', '/api/v1/diagnoses?status=dispatched')).json();
    expect((await upload(providerSz, d.id, 'agreement')).statusCode).toBe(201);
    expect((await upload(providerSz, d.id, 'contract')).statusCode).toBe(201);
    const over = await providerSz.request('POST', `/api/v1/diagnoses/${d.id}/contract`, { version: d.version, feeFen: 20_000_001, supervisionFeeFen: 800_000, contractedOn: '2023-06-01' });
    expect(over.statusCode).toBe(400);
    expect(over.json().field).toBe('feeFen');
    expect(over.json().message).toContain('(五)');
    expect((await fundOf('suzhou')).committed_fen).toBe('0');
    const at = await providerSz.request('POST', `/api/v1/diagnoses/${d.id}/contract`, { version: d.version, feeFen: 20_000_000, supervisionFeeFen: 800_000, contractedOn: '2023-06-01' });
    expect(at.statusCode, at.body).toBe(200);
    expect(at.json()).toMatchObject({ status: 'contracted', subsidyFen: 20_000_000, supervisionSubsidyFen: 800_000 });
    expect((await fundOf('suzhou')).committed_fen).toBe(String(20_000_000 + 800_000));
  });

  it('苏州 (五) 车间诊断服务费不高于5万元/家: 50,000.01元 is refused; 苏州 has no 产业链 diagnosis', async () => {
    const res = await requestAndDispatch(qiyeSz, admin, 'workshop', orgId['suzhou-provider']!, orgId['suzhou-supervisor']!);
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json();
    await upload(providerSz, d.id, 'agreement', 'agreement-ws');
    await upload(providerSz, d.id, 'contract', 'contract-ws');
    const over = await providerSz.request('POST', `/api/v1/diagnoses/${d.id}/contract`, { version: d.version, feeFen: 5_000_001, supervisionFeeFen: 100_000, contractedOn: '2023-06-01' });
    expect(over.statusCode).toBe(400);
    expect(over.json().message).toContain('车间诊断服务费不高于5万元/家');
    const chain = await qiyeSz.request('POST', '/api/v1/diagnoses', { scope: 'chain', need: '产业链诊断' });
    expect(chain.statusCode).toBe(400);
    expect(chain.json().field).toBe('scope');
  });

  it('扬州 附件1 二(四) 工厂诊断服务费补助20万元/家、监理费用0.5万元/家: a 25万元 fee gets 20万元, the rest is the enterprise’s', async () => {
    const res = await requestAndDispatch(qiye, admin, 'factory', orgId['yangzhou-provider']!, orgId['yangzhou-supervisor']!);
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json();
    await upload(provider, d.id, 'agreement', 'yz-agreement');
    const missing = await provider.request('POST', `/api/v1/diagnoses/${d.id}/contract`, { version: d.version, feeFen: 25_000_000, supervisionFeeFen: 800_000, contractedOn: '2023-06-01' });
    expect(missing.statusCode).toBe(409);
    expect(missing.json().message).toContain('采购合同');
    await upload(provider, d.id, 'contract', 'yz-contract');
    const ok = await provider.request('POST', `/api/v1/diagnoses/${d.id}/contract`, { version: d.version, feeFen: 25_000_000, supervisionFeeFen: 800_000, contractedOn: '2023-06-01' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ feeFen: 25_000_000, subsidyFen: 20_000_000, supervisionFeeFen: 800_000, supervisionSubsidyFen: 500_000 });
    expect(ok.json().history.at(-1).summary).toContain('由企业承担');
  });

  it('a supervisor of the provider’s own organisation (same USCC) is refused', async () => {
    const yzProvider = (await admin.request('GET', `/api/v1/providers/${orgId['yangzhou-provider']}`)).json();
    const twin = await admin.request('POST', '/api/v1/providers', { kind: 'supervisor', regionId: yzProvider.regionId, uscc: yzProvider.uscc, name: '扬州智造诊断咨询有限公司(监理部)', contactName: '周工', contactPhone: '0514-87000001', capacity: 5 });
    expect(twin.statusCode, twin.body).toBe(201);
    await t.database.db.execute(sql`update service_orgs set status = 'approved', standing = 'good' where id = ${twin.json().id}::uuid`);
    const res = await requestAndDispatch(qiye, admin, 'workshop', orgId['yangzhou-provider']!, twin.json().id);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ field: 'supervisorId' });
    expect(res.json().message).toContain('不能监理本机构');
  });
});

describe('a 扬州 diagnosis from request to paid, supervised and accepted, with its report in the enterprise file', () => {
  let id: string;
  const v = async () => (await get(admin, id)).version as number;

  it('the enterprise asks; the region cannot dispatch a city-funded one; the city sees candidates and dispatches', async () => {
    const req = await qiye.request('POST', '/api/v1/diagnoses', { scope: 'workshop', need: '装配车间排产靠人工,希望诊断' });
    expect(req.statusCode).toBe(201);
    id = req.json().id;
    expect(req.json().number).toMatch(/^ZD-YZ-2023-\d{6}$/);
    const byRegion = await baoying.request('POST', `/api/v1/diagnoses/${id}/dispatch`, { version: 1, providerId: orgId['yangzhou-provider'], supervisorId: orgId['yangzhou-supervisor'], reason: '派单', dueOn: '2023-08-31' });
    expect(byRegion.statusCode).toBe(403);
    const candidates = (await admin.request('GET', `/api/v1/diagnoses/${id}/candidates`)).json();
    expect(candidates.providers[0]).toMatchObject({ id: orgId['yangzhou-provider'], eligible: true });
    // Removed and suspended organisations are not offered at all.
    expect(candidates.providers.find((p: { standing: string }) => p.standing === 'removed')).toBeUndefined();
    const res = await admin.request('POST', `/api/v1/diagnoses/${id}/dispatch`, { version: 1, providerId: orgId['yangzhou-provider'], supervisorId: orgId['yangzhou-supervisor'], reason: '负荷最低', dueOn: '2023-08-31' });
    expect(res.statusCode, res.body).toBe(200);
  });

  it('only its provider signs, starts and reports; other providers and supervisors do not even see it', async () => {
    for (const c of [providerSz, supervisorSz]) expect((await c.request('GET', `/api/v1/diagnoses/${id}`)).statusCode).toBe(404);
    expect((await providerSz.request('GET', '/api/v1/diagnoses')).json().every((d: { city: string }) => d.city === 'suzhou')).toBe(true);
    expect((await upload(providerSz, id, 'agreement')).statusCode).toBe(404);
    expect((await upload(supervisor, id, 'agreement')).statusCode).toBe(403);
    await upload(provider, id, 'agreement', 'a2');
    await upload(provider, id, 'contract', 'c2');
    const signed = await provider.request('POST', `/api/v1/diagnoses/${id}/contract`, { version: await v(), feeFen: 5_000_000, supervisionFeeFen: 500_000, contractedOn: '2023-06-01' });
    expect(signed.json()).toMatchObject({ status: 'contracted', subsidyFen: 5_000_000, supervisionSubsidyFen: 500_000 });
    const started = await provider.request('POST', `/api/v1/diagnoses/${id}/start`, { version: await v(), onSiteFrom: '2023-06-01' });
    expect(started.json().status).toBe('on_site');
  });

  it('the on-site assessment refuses answers outside the instrument; complete answers score 100 points at 三级 with every scene at 三级', async () => {
    const q = getInstrument('miit-sme-2024').questions[0]!;
    const bad = await provider.request('POST', '/api/v1/maturity', { instrumentId: 'miit-sme-2024', source: 'diagnosis', diagnosisId: id, answers: { answers: { [q.id]: ['不存在的选项'] }, scenes: {} } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().field).toBe(`answers.${q.id}`);
    const draft = await provider.request('POST', '/api/v1/maturity', { instrumentId: 'miit-sme-2024', source: 'diagnosis', diagnosisId: id, answers: { answers: {}, scenes: {} } });
    expect(draft.statusCode, draft.body).toBe(201);
    const early = await provider.request('POST', `/api/v1/maturity/${draft.json().id}/submit`, { version: draft.json().version });
    expect(early.statusCode).toBe(400);
    const saved = await provider.request('PUT', `/api/v1/maturity/${draft.json().id}`, { version: draft.json().version, answers: fullAnswers(3) });
    expect(saved.statusCode, saved.body).toBe(200);
    const done = await provider.request('POST', `/api/v1/maturity/${draft.json().id}/submit`, { version: saved.json().version });
    expect(done.json()).toMatchObject({ status: 'submitted', totalMilli: 100_000, total: '100', level: 3 });
  });

  it('a report without its parts is refused; the full report is accepted', async () => {
    const report = {
      summary: '车间处于单点信息化阶段,排产与设备管理是主要短板。',
      gaps: [{ area: '生产执行数字化', finding: '计划排程依赖人工' }],
      recommendations: [{ title: '部署 APS 高级排产', area: '生产执行数字化', investmentFen: 80_000_000, priority: 'high' }],
      expectedEffect: '交期达成率提高',
    };
    const noFile = await provider.request('POST', `/api/v1/diagnoses/${id}/report`, { version: await v(), report });
    expect(noFile.statusCode).toBe(409);
    expect(noFile.json().message).toContain('诊断报告');
    await upload(provider, id, 'report', 'r2');
    const noGaps = await provider.request('POST', `/api/v1/diagnoses/${id}/report`, { version: await v(), report: { ...report, gaps: [] } });
    expect(noGaps.statusCode).toBe(400);
    expect(noGaps.json().field).toBe('report.gaps');
    const ok = await provider.request('POST', `/api/v1/diagnoses/${id}/report`, { version: await v(), report });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().report).toMatchObject({ totalInvestmentFen: 80_000_000, maturity: { level: 3, totalMilli: 100_000 } });
  });

  it('the supervisor records checkpoints and stops payment; finance cannot pay until it is lifted', async () => {
    const notHis = await supervisorSz.request('POST', `/api/v1/diagnoses/${id}/checkpoints`, { code: 'C2', heldAt: '2023-06-01T09:30:00+08:00', place: '宝应县 装配车间', finding: 'ok', note: '现场调研属实' });
    expect(notHis.statusCode).toBe(404);
    const ok = await supervisor.request('POST', `/api/v1/diagnoses/${id}/checkpoints`, { code: 'C2', heldAt: '2023-06-01T09:30:00+08:00', place: '宝应县 装配车间', finding: 'ok', note: '现场调研属实' });
    expect(ok.statusCode, ok.body).toBe(200);
    const stop = await supervisor.request('POST', `/api/v1/diagnoses/${id}/checkpoints`, { code: 'C4', heldAt: '2023-06-01T15:00:00+08:00', place: '线上评审', finding: 'stop', note: '报告投资估算缺少明细' });
    expect(stop.json()).toMatchObject({ paymentStopped: true });
    const accepted = await qiye.request('POST', `/api/v1/diagnoses/${id}/accept`, { version: await v(), satisfaction: 5, note: '建议可行' });
    expect(accepted.json()).toMatchObject({ status: 'accepted', satisfaction: 5 });
    const refused = await finance.request('POST', `/api/v1/diagnoses/${id}/payments`, { version: await v(), payee: 'provider', paidOn: '2023-06-01', voucher: 'PZ-2023-0601' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().field).toBe('paymentStopped');
    const lifted = await supervisor.request('POST', `/api/v1/diagnoses/${id}/resume-payment`, { version: await v(), reason: '已补充投资明细' });
    expect(lifted.json().paymentStopped).toBe(false);
  });

  it('finance pays the provider and the supervisor from the city fund; the diagnosis is paid', async () => {
    const before = await fundOf('yangzhou');
    const p1 = await finance.request('POST', `/api/v1/diagnoses/${id}/payments`, { version: await v(), payee: 'provider', paidOn: '2023-06-01', voucher: 'PZ-2023-0601' });
    expect(p1.json()).toMatchObject({ status: 'accepted', providerPaidFen: 5_000_000 });
    const p2 = await finance.request('POST', `/api/v1/diagnoses/${id}/payments`, { version: await v(), payee: 'supervisor', paidOn: '2023-06-01', voucher: 'PZ-2023-0602' });
    expect(p2.json()).toMatchObject({ status: 'paid', supervisorPaidFen: 500_000 });
    const twice = await finance.request('POST', `/api/v1/diagnoses/${id}/payments`, { version: await v(), payee: 'supervisor', paidOn: '2023-06-01', voucher: 'PZ-2023-0603' });
    expect(twice.statusCode).toBe(409);
    const after = await fundOf('yangzhou');
    expect(Number(after.disbursed_fen) - Number(before.disbursed_fen)).toBe(5_500_000);
    expect(p2.json().ledger.filter((l: { kind: string }) => l.kind === 'disburse').map((l: { payee: string; amountFen: number }) => [l.payee, l.amountFen]))
      .toEqual([['provider', 5_000_000], ['supervisor', 500_000]]);
  });

  it('附件2 核查内容1: the region counts it as a 数字画像 (协议, 合同 and 报告 on file); the file shows it with next steps', async () => {
    const figures = (await baoying.request('GET', '/api/v1/diagnoses/figures?year=2023')).json();
    expect(figures.portraits).toEqual([expect.objectContaining({ regionId: 'yz-baoying', counted: 1 })]);
    const enterpriseId = (await get(admin, id)).enterpriseId;
    const profile = (await qiye.request('GET', `/api/v1/enterprises/${enterpriseId}/digital-profile`)).json();
    expect(profile.sideBySide.diagnosis).toMatchObject({ level: 3, total: '100' });
    expect(profile.nextSteps.recommendations[0]).toMatchObject({ title: '部署 APS 高级排产' });
    expect((await kunshan.request('GET', `/api/v1/enterprises/${enterpriseId}/digital-profile`)).statusCode).toBe(404);
  });

  it('诊改联动: the enterprise applies for a 智能化改造 subsidy after the diagnosis and the conversion rate counts it', async () => {
    const before = (await admin.request('GET', '/api/v1/diagnoses/figures?city=yangzhou&year=2023')).json().conversion.total;
    expect(before).toMatchObject({ diagnoses: 1, applied: 0, appliedRate: '0.0%' });
    const app = await qiye.request('POST', '/api/v1/applications', { policyId: 'yangzhou-2022-20', measureId: 'smart-retrofit', facts: { 'projects.annual_investment': '2500万元' } });
    expect(app.statusCode, app.body).toBe(201);
    await t.database.db.execute(sql`update applications set submitted_at = '2023-06-01T10:00:00+08:00' where id = ${app.json().id}::uuid`);
    const after = (await admin.request('GET', '/api/v1/diagnoses/figures?city=yangzhou&year=2023')).json().conversion;
    expect(after.total).toMatchObject({ diagnoses: 1, applied: 1, funded: 0, appliedRate: '100.0%', fundedRate: '0.0%' });
    expect(after.byProvider[0]).toMatchObject({ key: orgId['yangzhou-provider'], applied: 1 });
  });
});

describe('利益冲突: the diagnosing provider as a supplier of the retrofit', () => {
  it('a declared supplier that diagnosed the enterprise must be explained before submission, and is shown to reviewers', async () => {
    const yzProvider = (await admin.request('GET', `/api/v1/providers/${orgId['yangzhou-provider']}`)).json();
    const badCode = await qiye.request('POST', '/api/v1/applications', { policyId: 'yangzhou-2022-20', measureId: 'smart-retrofit', facts: { 'projects.annual_investment': '2000万元' }, suppliers: [{ uscc: '91320000XXXXXXXXXX', name: '某公司' }] });
    expect(badCode.statusCode).toBe(400);
    expect(badCode.json().field).toBe('suppliers[0].uscc');
    const app = await qiye.request('POST', '/api/v1/applications', {
      policyId: 'yangzhou-2022-20', measureId: 'smart-retrofit', facts: { 'projects.annual_investment': '2000万元' },
      suppliers: [{ uscc: yzProvider.uscc, name: yzProvider.name }],
    });
    expect(app.statusCode, app.body).toBe(201);
    const detail = (await qiye.request('GET', `/api/v1/applications/${app.json().id}`)).json();
    expect(detail.conflicts).toEqual([expect.objectContaining({ uscc: yzProvider.uscc, providerId: orgId['yangzhou-provider'], diagnosisNumber: expect.stringMatching(/^ZD-YZ-2023-/) })]);
    const submit = await qiye.request('POST', `/api/v1/applications/${app.json().id}/submit`, { version: app.json().version });
    expect(submit.statusCode).toBe(400);
    expect(submit.json().field).toBe('suppliers[0].note');
    const explained = await qiye.request('PATCH', `/api/v1/applications/${app.json().id}`, {
      version: app.json().version, facts: { 'projects.annual_investment': '2000万元' },
      suppliers: [{ uscc: yzProvider.uscc, name: yzProvider.name, note: '经公开比选确定,价格低于其他两家报价' }],
    });
    expect(explained.statusCode, explained.body).toBe(200);
    const seen = (await baoying.request('GET', `/api/v1/applications/${app.json().id}`)).json();
    expect(seen.conflicts[0]).toMatchObject({ note: '经公开比选确定,价格低于其他两家报价' });
  });
});

describe('the self-assessment and older results', () => {
  it('an enterprise saves a draft, submits it, and sees it beside the on-site result; others cannot write it', async () => {
    const draft = await qiye.request('POST', '/api/v1/maturity', { instrumentId: 'miit-sme-2024', source: 'self', answers: fullAnswers(1) });
    expect(draft.statusCode, draft.body).toBe(201);
    const foreign = await qiyeSz.request('PUT', `/api/v1/maturity/${draft.json().id}`, { version: draft.json().version, answers: fullAnswers(2) });
    expect(foreign.statusCode).toBe(404);
    // 支撑材料 per item, while a draft.
    const q = getInstrument('miit-sme-2024').questions[0]!;
    const badItem = await qiye.request('POST', `/api/v1/maturity/${draft.json().id}/evidence?item=nope&name=a.pdf`, PDF('x'), { 'content-type': 'application/pdf' });
    expect(badItem.json().field).toBe('item');
    const ev = await qiye.request('POST', `/api/v1/maturity/${draft.json().id}/evidence?item=${q.id}&name=${encodeURIComponent('网络拓扑图.pdf')}`, PDF('topology'), { 'content-type': 'application/pdf' });
    expect(ev.statusCode, ev.body).toBe(201);
    const read = (await qiye.request('GET', `/api/v1/maturity/${draft.json().id}`)).json();
    expect(read.evidence).toEqual([expect.objectContaining({ itemId: q.id, fileName: '网络拓扑图.pdf' })]);
    expect((await qiye.request('GET', `/api/v1/maturity/${draft.json().id}/evidence/${ev.json().id}`)).statusCode).toBe(200);
    expect((await qiyeSz.request('GET', `/api/v1/maturity/${draft.json().id}/evidence/${ev.json().id}`)).statusCode).toBe(404);
    const done = await qiye.request('POST', `/api/v1/maturity/${draft.json().id}/submit`, { version: draft.json().version });
    // 100 points but every scene only at 一级: 一级 (the scene conditions of 二级 fail).
    expect(done.json()).toMatchObject({ status: 'submitted', level: 1 });
    const profile = (await qiye.request('GET', `/api/v1/enterprises/${done.json().enterpriseId}/digital-profile`)).json();
    expect(profile.sideBySide).toMatchObject({ self: { level: 1 }, diagnosis: { level: 3 } });
  });

  it('a 2022 result is kept as total and level; a CMMM result as level and 能力域 scores', async () => {
    const enterpriseId = await t.enterpriseIn('yz-baoying');
    const r2022 = await baoying.request('POST', '/api/v1/maturity/legacy', { enterpriseId, instrumentId: 'miit-sme-2022', assessedOn: '2022-10-01', totalScore: '60' });
    expect(r2022.json()).toMatchObject({ level: 3, total: '60', source: 'legacy' });
    const other = await kunshan.request('POST', '/api/v1/maturity/legacy', { enterpriseId, instrumentId: 'miit-sme-2022', assessedOn: '2022-10-01', totalScore: '60' });
    expect(other.statusCode).toBe(404);
    const badCmmm = await baoying.request('POST', '/api/v1/maturity/legacy', { enterpriseId, instrumentId: 'gbt39116-2020', assessedOn: '2022-10-01', cmmm: { level: 6, domainScores: {} } });
    expect(badCmmm.statusCode).toBe(400);
    expect(badCmmm.json().field).toBe('level');
  });
});
