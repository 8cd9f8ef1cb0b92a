// 可享政策 from the enterprise's own file (GET /enterprises/:id/entitlements): what the file already
// qualifies for, with the amount the text sets; what it nearly qualifies for and what is missing;
// who may read it. Each figure is checked against hand-computed values and against the engine run
// on its own, over the whole policy, on facts written out here by hand.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoApplications } from '../src/db/seed/demo-applications.ts';
import { seedDemoDiagnoses } from '../src/db/seed/demo-diagnoses.ts';
import { evaluatePolicy } from '../src/domain/policy/evaluate.ts';
import { loadPolicyLibrary } from '../src/io/policy-library.ts';
import { type Client, login, startTestApp, type TestApp } from './helpers/app.ts';
import { scratchCli } from './helpers/cli.ts';

interface Finding {
  id: string; status: string; clause: string; amount: { min: number; max: number | null }; amountText: string; payer: string;
  failures: { fact: string; message: string }[]; missing: { fact: string; condition: string }[]; claim: string; evidence: { label: string }[];
}
interface Entitlements {
  enterprise: { id: string; name: string }; date: string; pendingClaims: number;
  policies: { policyId: string; number: string | null; facts: Record<string, unknown>; measures: Finding[] }[];
}

const WAN = 1_000_000; // fen in 1 万元
const DATE = '2023-06-01'; // startTestApp's business date, inside both texts' windows
const library = loadPolicyLibrary();

let t: TestApp;
const as: Record<string, Client> = {};
const enterpriseOf = { qiye: '', 'qiye-sz': '' };

async function me(c: Client): Promise<string> {
  const res = await c.request('GET', '/api/v1/auth/me');
  return (res.json() as { user: { enterpriseId: string } }).user.enterpriseId;
}

async function claimAndConfirm(enterprise: Client, officer: Client | null, enterpriseId: string, claim: Record<string, unknown>) {
  const res = await enterprise.request('POST', `/api/v1/enterprises/${enterpriseId}/certification-claims`, { ...claim, evidence: '认定文件 工信部〔2023〕12号' });
  expect(res.statusCode, res.body).toBe(201);
  if (!officer) return;
  const id = (res.json() as { id: string }).id;
  const review = await officer.request('POST', `/api/v1/enterprises/${enterpriseId}/certification-claims/${id}/review`, { decision: 'confirm' });
  expect(review.statusCode, review.body).toBe(200);
}

async function entitlements(c: Client, enterpriseId: string): Promise<Entitlements> {
  const res = await c.request('GET', `/api/v1/enterprises/${enterpriseId}/entitlements`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Entitlements;
}

const find = (e: Entitlements, policyId: string, measureId: string) => e.policies.find((p) => p.policyId === policyId)!.measures.find((m) => m.id === measureId)!;

beforeAll(async () => {
  t = await startTestApp({ enterprises: 24 });
  // The demo's funds and applications (they also record qiye-sz's five-star 上云 rating of 2023 as
  // confirmed) and its diagnoses of 2023: qiye a workshop one paid, a factory one reported, others
  // requested or dispatched; qiye-sz a factory one accepted, a workshop one contracted — all supervised.
  await seedDemoApplications(t.database.db, t.app.ctx.files, DATE);
  await seedDemoDiagnoses(t.database.db, t.app.ctx.files, DATE);
  for (const u of ['qiye', 'qiye-sz', 'baoying', 'kunshan', 'admin', 'provider']) as[u] = await login(t.app, u);
  enterpriseOf.qiye = await me(as.qiye!);
  enterpriseOf['qiye-sz'] = await me(as['qiye-sz']!);
  // 扬州: a 3A certificate of the programme year, confirmed by 宝应县; a five-star claim still pending.
  await claimAndConfirm(as.qiye!, as.baoying!, enterpriseOf.qiye, { kind: 'integration', level: '3A', title: '两化融合管理体系评定证书', year: 2023 });
  await claimAndConfirm(as.qiye!, null, enterpriseOf.qiye, { kind: 'cloud', level: '5', title: '江苏省五星级上云企业', year: 2023 });
}, 120_000);
afterAll(async () => { await t?.close(); });

describe('可享政策 from the enterprise file', () => {
  it('扬府发〔2022〕20号 附件1 二(五): a 3A certificate newly obtained this year qualifies for the 3A award of up to 20万元; the 2A award of the same line is not counted as well', async () => {
    const e = await entitlements(as.qiye!, enterpriseOf.qiye);
    expect(e.date).toBe(DATE);
    expect(e.policies.map((p) => p.policyId)).toEqual(['yangzhou-2022-20']);
    const aaa = find(e, 'yangzhou-2022-20', 'iim-aaa-award');
    expect(aaa.status).toBe('eligible');
    expect(aaa.clause).toBe('附件1 二(五)');
    // “分别给予最高15万元、20万元的奖励”: 3A → at most 20万元, no floor.
    expect(aaa.amount).toEqual({ min: 0, max: 20 * WAN });
    expect(aaa.payer).toBe('city');
    expect(aaa.claim).toBe('application');
    expect(aaa.evidence.length).toBeGreaterThan(0);
    expect(find(e, 'yangzhou-2022-20', 'iim-aa-award').status).toBe('not_applicable');
  });

  it('扬府发〔2022〕20号 附件1 二(四): the workshop and factory diagnoses it received under supervision give 20万元/家, 5万元/家 and 监理 0.5万元/家; all agrees with the engine run on the whole policy over facts written by hand', async () => {
    const e = await entitlements(as.qiye!, enterpriseOf.qiye);
    const facts = {
      applicant_type: 'enterprise', independent_legal_person: true, iim_certificate: 'AAA', cloud_star_level: 0, recognitions: [],
      diagnosis_chain: false, diagnosis_factory: true, diagnosis_workshop: true, diagnosis_supervised: true,
    };
    expect(e.policies[0]!.facts).toEqual(facts);
    const engine = evaluatePolicy(library.policies.get('yangzhou-2022-20')!, { facts, date: DATE });
    const engineEligible = engine.measures.filter((m) => m.eligible).map((m) => [m.id, m.amount]);
    const fileEligible = e.policies[0]!.measures.filter((m) => m.status === 'eligible').map((m) => [m.id, m.amount]);
    expect(fileEligible).toEqual(engineEligible);
    expect(fileEligible).toEqual([
      ['diagnosis-factory', { min: 20 * WAN, max: 20 * WAN }],
      ['diagnosis-workshop', { min: 5 * WAN, max: 5 * WAN }],
      ['diagnosis-supervision', { min: WAN / 2, max: WAN / 2 }],
      ['iim-aaa-award', { min: 0, max: 20 * WAN }],
    ]);
    expect(find(e, 'yangzhou-2022-20', 'diagnosis-factory').claim).toBe('diagnosis');
    // No 重点产业链 diagnosis on file: that one is not met.
    expect(find(e, 'yangzhou-2022-20', 'diagnosis-chain').status).toBe('not_met');
  });

  it('扬府发〔2022〕20号 附件1 二(五): a five-star rating still awaiting the region\'s review does not count (only confirmed certifications are the file\'s)', async () => {
    const e = await entitlements(as.qiye!, enterpriseOf.qiye);
    expect(e.pendingClaims).toBe(1);
    expect(e.policies[0]!.facts.cloud_star_level).toBe(0);
    const ecommerce = find(e, 'yangzhou-2022-20', 'cloud-ecommerce-award');
    expect(ecommerce.status).toBe('not_met');
    expect(ecommerce.failures[0]!.message).toContain('0星');
  });

  it('扬府发〔2022〕20号 附件1 二(一): the retrofit subsidy is a near miss whose missing condition is the 2,000万元 investment the file does not hold', async () => {
    const e = await entitlements(as.qiye!, enterpriseOf.qiye);
    const retrofit = find(e, 'yangzhou-2022-20', 'smart-retrofit');
    expect(retrofit.status).toBe('near');
    expect(retrofit.amount).toEqual({ min: 0, max: 0 });
    expect(retrofit.missing).toHaveLength(1);
    expect(retrofit.missing[0]!.fact).toBe('projects.annual_investment');
    expect(retrofit.missing[0]!.condition).toContain('2,000万元以上');
    // 园区 measures are for another kind of applicant.
    expect(find(e, 'yangzhou-2022-20', 'park-digital-subsidy').status).toBe('not_applicable');
  });

  it('扬府发〔2022〕20号 附件1 二(一): once 宝应县 records the year\'s 2,400万元 investment with its evidence, the retrofit subsidy is met: 不高于13% → 312万元', async () => {
    const recorded = await as.baoying!.request('PUT', `/api/v1/enterprises/${enterpriseOf.qiye}/facts`, {
      year: 2023, fact: 'projects', value: [{ annual_investment: '2400万元' }], evidence: '扬州市技改项目备案 扬工信技备〔2023〕31号',
    });
    expect(recorded.statusCode, recorded.body).toBe(200);
    const retrofit = find(await entitlements(as.qiye!, enterpriseOf.qiye), 'yangzhou-2022-20', 'smart-retrofit');
    expect(retrofit.status).toBe('eligible');
    expect(retrofit.missing).toEqual([]);
    // 2,400万元 × 13% = 312万元, the most the text allows (“不高于…13%”), from nothing upward.
    expect(retrofit.amount).toEqual({ min: 0, max: 312 * WAN });
    const withdrawn = (recorded.json() as { id: string; version: number });
    expect((await as.baoying!.request('DELETE', `/api/v1/enterprises/${enterpriseOf.qiye}/facts/${withdrawn.id}?version=${withdrawn.version}`)).statusCode).toBe(200);
    expect(find(await entitlements(as.qiye!, enterpriseOf.qiye), 'yangzhou-2022-20', 'smart-retrofit').status).toBe('near');
  });

  it('苏州 若干措施 (四): a five-star rating of this year qualifies for the five-star voucher of up to 10万元 (分级承担); the three- and four-star tiers are not added', async () => {
    const e = await entitlements(as['qiye-sz']!, enterpriseOf['qiye-sz']);
    expect(e.policies.map((p) => p.policyId)).toEqual(['suzhou-2020']);
    const five = find(e, 'suzhou-2020', 'cloud-five-star');
    expect(five.status).toBe('eligible');
    expect(five.clause).toBe('(四)');
    expect(five.amount).toEqual({ min: 0, max: 10 * WAN });
    expect(five.payer).toBe('shared');
    expect(find(e, 'suzhou-2020', 'cloud-three-star').status).toBe('not_applicable');
    expect(find(e, 'suzhou-2020', 'cloud-four-star').status).toBe('not_applicable');

    const facts = {
      applicant_type: 'enterprise', independent_legal_person: true, iim_certificate: 'none', cloud_star_level: 5, recognitions: [],
      diagnosis_chain: false, diagnosis_factory: true, diagnosis_workshop: true, diagnosis_supervised: true,
    };
    expect(e.policies[0]!.facts).toEqual(facts);
    const engine = evaluatePolicy(library.policies.get('suzhou-2020')!, { facts, date: DATE });
    const fileEligible = e.policies[0]!.measures.filter((m) => m.status === 'eligible').map((m) => [m.id, m.amount]);
    expect(fileEligible).toEqual(engine.measures.filter((m) => m.eligible).map((m) => [m.id, m.amount]));
    // (五) 工厂诊断服务费不高于20万元/家, 车间 不高于5万元/家 (免费诊断, its factory one accepted, its workshop one contracted).
    expect(fileEligible).toEqual([
      ['cloud-five-star', { min: 0, max: 10 * WAN }],
      ['diagnosis-factory-free', { min: 0, max: 20 * WAN }],
      ['diagnosis-workshop-free', { min: 0, max: 5 * WAN }],
    ]);
  });

  it('苏州 若干措施 (一): the loan-interest subsidy is a near miss that needs a loan through the city\'s financial platform', async () => {
    const e = await entitlements(as['qiye-sz']!, enterpriseOf['qiye-sz']);
    const loan = find(e, 'suzhou-2020', 'loan-interest-city');
    expect(loan.status).toBe('near');
    expect(loan.missing.map((m) => m.fact)).toContain('projects.loan_via_platform');
  });
});

describe('who may read an enterprise\'s entitlements', () => {
  it('an enterprise reads only its own: another enterprise\'s answers 404 like a missing one', async () => {
    expect((await as.qiye!.request('GET', `/api/v1/enterprises/${enterpriseOf['qiye-sz']}/entitlements`)).statusCode).toBe(404);
    expect((await as['qiye-sz']!.request('GET', `/api/v1/enterprises/${enterpriseOf.qiye}/entitlements`)).statusCode).toBe(404);
  });

  it('a region officer reads its own region\'s enterprises only; the city reads all', async () => {
    expect((await as.baoying!.request('GET', `/api/v1/enterprises/${enterpriseOf.qiye}/entitlements`)).statusCode).toBe(200);
    expect((await as.baoying!.request('GET', `/api/v1/enterprises/${enterpriseOf['qiye-sz']}/entitlements`)).statusCode).toBe(404);
    expect((await as.kunshan!.request('GET', `/api/v1/enterprises/${enterpriseOf['qiye-sz']}/entitlements`)).statusCode).toBe(200);
    expect((await as.admin!.request('GET', `/api/v1/enterprises/${enterpriseOf['qiye-sz']}/entitlements`)).statusCode).toBe(200);
  });

  it('a provider account, which reads no enterprise files, is refused; a malformed id is not found', async () => {
    expect((await as.provider!.request('GET', `/api/v1/enterprises/${enterpriseOf.qiye}/entitlements`)).statusCode).toBe(403);
    const bad = await as.admin!.request('GET', '/api/v1/enterprises/not-a-uuid/entitlements');
    expect(bad.statusCode).toBe(404);
    expect((bad.json() as { field: string }).field).toBe('id');
  });
});

describe('zgsz enterprises entitlements', { timeout: 180_000 }, () => {
  it('苏州 若干措施 (四): on the demo data the Suzhou demo enterprise\'s confirmed five-star rating of 2023 gives the voucher of up to 10万元; an unknown USCC is named', async () => {
    const cli = await scratchCli({ demo: true });
    try {
      const env = { ZGSZ_BUSINESS_DATE: DATE };
      const uscc = '91320583000001177T'; // qiye-sz's enterprise in the demo data (苏州精博锅炉有限公司)
      const json = await cli.run(['enterprises', 'entitlements', uscc, '--json'], { env });
      expect(json.code, json.stderr).toBe(0);
      const report = JSON.parse(json.stdout) as Entitlements;
      expect(report.policies[0]!.measures.filter((m) => m.status === 'eligible').map((m) => [m.id, m.amount])).toContainEqual(['cloud-five-star', { min: 0, max: 10 * WAN }]);
      const text = await cli.run(['enterprises', 'entitlements', uscc], { env });
      expect(text.stdout).toContain('省五星级上云企业补贴(定向云券)((四)) 符合条件,最高可获 10万元');
      const unknown = await cli.run(['enterprises', 'entitlements', '91320583000000000X'], { env });
      expect(unknown.code).not.toBe(0);
      expect(unknown.stderr).toContain('91320583000000000X');
    } finally {
      await cli.close();
    }
  });
});
