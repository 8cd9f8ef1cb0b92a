// Diagnosis decisions that read and then write, hit by concurrent clients on PostgreSQL: a yearly
// quota (苏州 (五) 市级40家工厂), a provider's capacity, a payment and an admission step.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../src/db/client.ts';
import { serviceOrgs } from '../../src/db/schema/diagnosis.ts';
import { makeUscc } from '../../src/domain/uscc/uscc.ts';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { type HttpClient, httpLogin, listen, tally } from '../helpers/http.ts';

let t: TestApp;
let admin: HttpClient, qiyeSz: HttpClient, finance: HttpClient, kunshan: HttpClient;
let supervisorId: string;
beforeAll(async () => {
  t = await startTestApp({ enterprises: 24, poolSize: 20 });
  const base = await listen(t.app);
  [admin, qiyeSz, finance, kunshan] = await Promise.all(['admin', 'qiye-sz', 'finance', 'kunshan'].map((u) => httpLogin(base, u))) as [HttpClient, HttpClient, HttpClient, HttpClient];
  const [sup] = await queryRows<{ id: string }>(t.database.db, sql`select organisation_id as id from users where username = 'supervisor-sz'`);
  supervisorId = sup!.id;
  expect((await finance.request('POST', '/api/v1/funds', { city: 'suzhou', year: 2023, level: 'city', budgetFen: 80_000_000_00 })).status).toBe(201);
});
afterAll(async () => { await t?.close(); });

/** Admitted 苏州 providers inserted directly: separate rows, so dispatches do not queue on one provider's lock. */
async function providers(n: number, capacity: number, tag: string): Promise<string[]> {
  const rows = await t.database.db.insert(serviceOrgs).values(Array.from({ length: n }, (_, i) => ({
    kind: 'provider', city: 'suzhou', regionId: 'sz-kunshan', uscc: makeUscc('9', '1', '320583', `${tag}${String(i).padStart(3, '0')}`), name: `并发测试服务商${tag}${i}`,
    contactName: '测试', contactPhone: '0512-00000000', scopes: ['factory', 'workshop'], capacity, status: 'approved', standing: 'good', workflow: {},
  }))).returning({ id: serviceOrgs.id });
  return rows.map((r) => r.id);
}

async function requests(n: number, scope: string): Promise<{ id: string; version: number }[]> {
  const out = [];
  for (let i = 0; i < n; i++) {
    const r = await qiyeSz.request('POST', '/api/v1/diagnoses', { scope, need: `并发测试 ${i}` });
    expect(r.status).toBe(201);
    out.push({ id: r.body.id as string, version: r.body.version as number });
  }
  return out;
}

const dispatch = (d: { id: string; version: number }, providerId: string) => admin.request('POST', `/api/v1/diagnoses/${d.id}/dispatch`, {
  version: d.version, providerId, supervisorId, reason: '并发测试', dueOn: '2023-09-30',
});

describe('diagnosis races on PostgreSQL', () => {
  it('苏州 (五) 市级每年40家工厂: 12 concurrent dispatches with 2 places left — exactly 2 succeed, the quota ends at 40/40', async () => {
    await admin.request('GET', '/api/v1/diagnoses/quotas?city=suzhou&year=2023');
    await t.database.db.execute(sql`update diagnosis_quotas set used = 38 where city = 'suzhou' and region_id = '' and year = 2023 and scope = 'factory'`);
    const ids = await providers(12, 5, 'MA1QA');
    const ds = await requests(12, 'factory');
    const results = await Promise.all(ds.map((d, i) => dispatch(d, ids[i]!)));
    const counts = tally(results);
    console.log('12 dispatches for 2 quota places:', counts);
    expect(counts).toEqual({ 200: 2, 409: 10 });
    for (const r of results.filter((x) => x.status === 409)) expect(r.body).toMatchObject({ field: 'quota' });
    const [q] = await queryRows<{ used: number }>(t.database.db, sql`select used from diagnosis_quotas where city = 'suzhou' and region_id = '' and year = 2023 and scope = 'factory'`);
    expect(q!.used).toBe(40);
    const [n] = await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from diagnoses where city = 'suzhou' and scope = 'factory' and status = 'dispatched'`);
    expect(n!.n).toBe(2);
  });

  it('a provider with capacity 3: 8 concurrent dispatches to it — exactly 3 succeed', async () => {
    const [pid] = await providers(1, 3, 'MA1QB');
    await kunshan.request('PUT', '/api/v1/diagnoses/quotas', { city: 'suzhou', regionId: 'sz-kunshan', year: 2023, scope: 'workshop', quota: 100 });
    const ds = await requests(8, 'workshop');
    const counts = tally(await Promise.all(ds.map((d) => dispatch(d, pid!))));
    console.log('8 dispatches to a provider of capacity 3:', counts);
    expect(counts).toEqual({ 200: 3, 409: 5 });
  });

  it('one diagnosis paid by 6 concurrent requests: one payment, the fund moves once', async () => {
    const [row] = await queryRows<{ id: string; provider_id: string }>(t.database.db, sql`select id, provider_id from diagnoses where city = 'suzhou' and status = 'dispatched' and scope = 'workshop' limit 1`);
    // Bring it to 'accepted' directly: the path itself is tested in test/diagnosis.test.ts.
    await t.database.db.execute(sql`update diagnoses set status = 'accepted', subsidy_fen = 5000000, supervision_subsidy_fen = 100000, fee_fen = 5000000, supervision_fee_fen = 100000, accepted_on = '2023-06-01' where id = ${row!.id}::uuid`);
    const [fund] = await queryRows<{ id: string }>(t.database.db, sql`select id from funds where city = 'suzhou' and year = 2023 and level = 'city'`);
    await t.database.db.execute(sql`update funds set committed_fen = committed_fen + 5100000 where id = ${fund!.id}::uuid`);
    await t.database.db.execute(sql`insert into fund_ledger (fund_id, diagnosis_id, payee, kind, amount_fen, clause, actor_name) values
      (${fund!.id}::uuid, ${row!.id}::uuid, 'provider', 'commit', 5000000, '(五)', 'test'), (${fund!.id}::uuid, ${row!.id}::uuid, 'supervisor', 'commit', 100000, '(五)', 'test')`);
    const [{ version }] = await queryRows<{ version: number }>(t.database.db, sql`select version from diagnoses where id = ${row!.id}::uuid`) as [{ version: number }];
    const before = await queryRows<{ d: string }>(t.database.db, sql`select disbursed_fen::text as d from funds where id = ${fund!.id}::uuid`);
    const counts = tally(await Promise.all(Array.from({ length: 6 }, (_, i) =>
      finance.request('POST', `/api/v1/diagnoses/${row!.id}/payments`, { version, payee: 'provider', paidOn: '2023-06-01', voucher: `PZ-RACE-${i}` }))));
    console.log('6 concurrent payments of one fee:', counts);
    expect(counts).toEqual({ 200: 1, 409: 5 });
    const after = await queryRows<{ d: string }>(t.database.db, sql`select disbursed_fen::text as d from funds where id = ${fund!.id}::uuid`);
    expect(Number(after[0]!.d) - Number(before[0]!.d)).toBe(5_000_000);
    const [l] = await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from fund_ledger where diagnosis_id = ${row!.id}::uuid and kind = 'disburse'`);
    expect(l!.n).toBe(1);
  });
});
