// The concurrency tier: decisions that read and then write, hit by real concurrent clients over TCP
// against PostgreSQL (PGlite is one connection and would serialise every race away). Each test
// prints the counts it observed.
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { cliActor } from '../../src/cli/cli-actor.ts';
import { demoEnterprise } from '../../src/db/seed/demo-enterprises.ts';
import { DEMO_PASSWORD } from '../../src/db/seed/seed.ts';
import { enterpriseToRow } from '../../src/use-cases/enterprises/enterprise-columns.ts';
import { importEnterprises } from '../../src/use-cases/enterprises/import-enterprises.ts';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { type HttpClient, httpLogin, listen, post, tally } from '../helpers/http.ts';
import { enterpriseWorkbook } from '../helpers/xlsx.ts';

let t: TestApp;
let base: string;
let admin: HttpClient;
let finance: HttpClient;
beforeAll(async () => {
  t = await startTestApp({ enterprises: 40, poolSize: 20 });
  base = await listen(t.app);
  admin = await httpLogin(base, 'admin');
  finance = await httpLogin(base, 'finance'); // before the lockout test locks finance from this address
});
afterAll(async () => { await t?.close(); });

const firstEnterprise = async (regionId: string) => {
  const list = await admin.request('GET', `/api/v1/enterprises?regionId=${regionId}&pageSize=1`);
  return (list.body.items as { id: string; version: number }[])[0]!;
};

describe('race-safe writes on PostgreSQL with concurrent clients', () => {
  it('50 concurrent PATCHes of one version: exactly one is saved, 49 get 409 naming the current version', async () => {
    const e = await firstEnterprise('yz-baoying');
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) =>
      admin.request('PATCH', `/api/v1/enterprises/${e.id}`, { contactName: `并发${i}`, version: e.version })));
    const counts = tally(results);
    console.log('50-way PATCH on one version:', counts);
    expect(counts).toEqual({ 200: 1, 409: 49 });
    const winner = results.find((r) => r.status === 200)!.body;
    for (const r of results.filter((x) => x.status === 409)) {
      expect(r.body).toMatchObject({ code: 'CONFLICT', field: 'version', details: { currentVersion: e.version + 1 } });
    }
    const after = await admin.request('GET', `/api/v1/enterprises/${e.id}`);
    expect(after.body).toMatchObject({ version: e.version + 1, contactName: winner.contactName });
  });

  it('20 concurrent PATCHes without a version are all refused naming the field, and change nothing', async () => {
    const e = await firstEnterprise('yz-gaoyou');
    const results = await Promise.all(Array.from({ length: 20 }, () => admin.request('PATCH', `/api/v1/enterprises/${e.id}`, { contactName: '无版本' })));
    console.log('20 PATCHes without a version:', tally(results));
    expect(tally(results)).toEqual({ 400: 20 });
    expect(results[0]!.body).toMatchObject({ code: 'INVALID', field: 'version' });
    expect((await admin.request('GET', `/api/v1/enterprises/${e.id}`)).body.version).toBe(e.version);
  });

  it('20 concurrent creations of one USCC: one 201, 19 × 409, never a 500', async () => {
    const e = demoEnterprise(880_001);
    const results = await Promise.all(Array.from({ length: 20 }, () => admin.request('POST', '/api/v1/enterprises', { ...e, regionId: 'yz-baoying' })));
    console.log('20-way create of one USCC:', tally(results));
    expect(tally(results)).toEqual({ 201: 1, 409: 19 });
  });

  it('two officers reviewing one claim at once: one decides, the other gets 409', async () => {
    const qiye = await httpLogin(base, 'qiye');
    const me = await qiye.request('GET', '/api/v1/auth/me');
    const enterpriseId = (me.body.user as { enterpriseId: string }).enterpriseId;
    const claim = await qiye.request('POST', `/api/v1/enterprises/${enterpriseId}/certification-claims`,
      { kind: 'integration', level: '3A', title: '两化融合管理体系AAA级', year: 2023, evidence: '证书编号 AAA-2023-0001' });
    expect(claim.status).toBe(201);
    const officer = await httpLogin(base, 'baoying');
    const results = await Promise.all([
      ...Array.from({ length: 5 }, () => officer.request('POST', `/api/v1/enterprises/${enterpriseId}/certification-claims/${claim.body.id as string}/review`, { decision: 'confirm' })),
      ...Array.from({ length: 5 }, () => admin.request('POST', `/api/v1/enterprises/${enterpriseId}/certification-claims/${claim.body.id as string}/review`, { decision: 'reject', note: '证书编号查无此证' })),
    ]);
    console.log('10 concurrent reviews of one claim:', tally(results));
    expect(tally(results)).toEqual({ 200: 1, 409: 9 });
  });
});

describe('sign-in lockout under a burst (等保 8.1.4.1)', () => {
  it('40 parallel wrong passwords: five are checked, the fifth locks, and the right password right after is refused', async () => {
    const results = await Promise.all(Array.from({ length: 40 }, () => post(base, '/api/v1/auth/login', { username: 'finance', password: 'wrong-Password1' })));
    const counts = tally(results);
    console.log('40 parallel wrong passwords:', counts);
    expect(counts).toEqual({ 401: 4, 423: 36 });
    const right = await post(base, '/api/v1/auth/login', { username: 'finance', password: DEMO_PASSWORD });
    expect(right.status).toBe(423);
    // The same burst against a name nobody has answers alike.
    const unknown = await Promise.all(Array.from({ length: 40 }, () => post(base, '/api/v1/auth/login', { username: 'nobody-here', password: 'wrong-Password1' })));
    console.log('40 parallel guesses at an unknown name:', tally(unknown));
    expect(tally(unknown)).toEqual(counts);
  });
});

describe('a year submitted while its records are being written (附件2 三(二))', () => {
  const project = (i: number) => ({
    regionId: 'yz-baoying', category: 'cloud', title: `并发上云项目${i}`, enterpriseName: `企业${i}`, countedOn: '2023-05-10',
    evidence: [{ kind: 'star-cloud-certificate', title: `四星级上云证书${i}` }],
  });

  it('a write either lands before the snapshot or is refused: approval always finds the records unchanged', async () => {
    const officer = await httpLogin(base, 'baoying');
    const targets = await admin.request('GET', '/api/v1/assessment/2022/targets');
    const regions = (targets.body.regions as Record<string, unknown>[]).map(({ regionId, retrofit, cloud, portrait, benchmark, coveragePercent }) =>
      ({ regionId, retrofit, cloud, portrait, benchmark, coveragePercent }));
    expect((await admin.request('PUT', '/api/v1/assessment/2023/targets', { regions })).status).toBe(200);
    for (const { regionId } of regions) {
      const coverage = { regionId, month: 12, covered: 40, total: 100, evidence: [{ kind: 'coverage-summary', title: '2023年规上企业智改数转项目情况汇总表' }] };
      expect((await admin.request('PUT', '/api/v1/assessment/2023/coverage', coverage)).status).toBe(200);
    }
    let serial = 0;
    const rounds: Record<number, number>[] = [];
    for (const delay of [0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 12, 15]) {
      // Writes on both sides of the submission, which starts a little later each round, so that in
      // some round writes are in flight while it scores the year.
      const before = Array.from({ length: 10 }, () => officer.request('POST', '/api/v1/assessment/projects', project(serial++)));
      const submit = new Promise((r) => setTimeout(r, delay)).then(() => admin.request('POST', '/api/v1/assessment/2023/sign-off/submit'));
      const after = Array.from({ length: 10 }, () => officer.request('POST', '/api/v1/assessment/projects', project(serial++)));
      const [submitted, ...written] = await Promise.all([submit, ...before, ...after]);
      expect(submitted).toBeDefined();
      expect(submitted!.status).toBe(200);
      rounds.push(tally(written));
      expect(written.every((w) => w.status === 201 || (w.status === 409 && w.body.field === 'year'))).toBe(true);
      // Had any write committed after the snapshot, the re-score would differ and approval refuse.
      const approved = await finance.request('POST', '/api/v1/assessment/2023/sign-off/approve');
      expect(approved.status).toBe(200);
      expect(approved.body.status).toBe('approved');
      // Every round is the year's first submission: an approved year is final through the API, so
      // the test removes its sign-off row in the database.
      await t.database.db.execute(sql`delete from assessment_sign_offs where year = 2023`);
    }
    console.log('writes racing the first submission, per round:', rounds);
  });
});

describe('sign-ins while a large import runs', () => {
  it('logins are answered while the import is still writing (the import does not hold the audit chain)', async () => {
    const rows = Array.from({ length: 30_000 }, (_, i) => enterpriseToRow({ ...demoEnterprise(300_000 + i), regionId: 'yz-baoying' }));
    const file = await enterpriseWorkbook(rows);
    let importDone = 0;
    let started!: () => void;
    const running = new Promise<void>((resolve) => { started = resolve; });
    const importing = importEnterprises(t.database.db, cliActor(), Readable.from(file), {
      onProgress: (p) => { if (p.phase === 'write' && p.rows >= 3000) started(); },
    }).then((r) => { importDone = performance.now(); return r; });
    await running;
    const finished: number[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await post(base, '/api/v1/auth/login', { username: 'reviewer', password: DEMO_PASSWORD });
      expect(res.status).toBe(200);
      finished.push(performance.now());
    }
    const report = await importing;
    expect(report.errors).toEqual([]);
    expect(report.created).toBe(30_000);
    console.log(`logins finished ${finished.map((f) => Math.round(importDone - f)).join(', ')} ms before the import committed`);
    expect(finished.every((f) => f < importDone)).toBe(true);
  });
});
