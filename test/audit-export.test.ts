// Every export of enterprises' or people's data leaves an audit entry: who, which data set, with which
// filter, how many rows — and the chain still verifies.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../src/db/client.ts';
import { verifyAuditChain } from '../src/db/repositories/audit-repository.ts';
import { login, startTestApp, type TestApp } from './helpers/app.ts';

let t: TestApp;
beforeAll(async () => { t = await startTestApp({ enterprises: 12 }); });
afterAll(async () => { await t?.close(); });

interface Entry { actor_name: string; action: string; entity: string; entity_id: string | null; after: { format: string; scope: Record<string, unknown>; rows?: number }; result: string }
const exports = () => queryRows<Entry>(t.database.db, sql`select actor_name, action, entity, entity_id, after, result from audit_log where action = 'export' order by seq`);

describe('exports of personal data are audited', () => {
  it('the enterprise export: the officer, the filter and the row count', async () => {
    const officer = await login(t.app, 'baoying');
    const [{ n }] = (await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from enterprises where region_id = 'yz-baoying' and above_scale`)) as [{ n: number }];
    const res = await officer.request('GET', '/api/v1/enterprises/export?aboveScale=true');
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.readUInt32LE(0)).toBe(0x04034b50);
    const entries = await exports();
    expect(entries).toEqual([{
      actor_name: 'baoying', action: 'export', entity: 'enterprise', entity_id: null,
      after: { format: 'xlsx', scope: { aboveScale: true }, rows: n }, result: 'ok',
    }]);
  });

  it('the score-sheet export: the year, the quarter and the number of regions scored', async () => {
    const admin = await login(t.app, 'admin');
    const res = await admin.request('GET', '/api/v1/assessment/2022/scores/export?quarter=2');
    expect(res.statusCode).toBe(200);
    const last = (await exports()).pop()!;
    expect(last).toMatchObject({ actor_name: 'admin', entity: 'assessment_scores', after: { format: 'xlsx', scope: { year: 2022, quarter: 2 } }, result: 'ok' });
    // 扬州's assessed regions: 3 counties, 3 districts and 2 zones (蜀冈—瘦西湖 is not assessed).
    expect(last.after.rows).toBe(8);
  });

  it('the payments ledger and the plan dispatch table', async () => {
    const finance = await login(t.app, 'finance');
    expect((await finance.request('GET', '/api/v1/reports/payments.xlsx?city=yangzhou&year=2023')).statusCode).toBe(200);
    expect((await exports()).pop()).toMatchObject({ actor_name: 'finance', entity: 'payments', after: { scope: { city: 'yangzhou', year: 2023 }, rows: 0 } });
    const admin = await login(t.app, 'admin');
    const dispatch = await admin.request('GET', '/api/v1/plan/dispatch.xlsx?city=yangzhou&year=2023&month=3');
    expect(dispatch.statusCode).toBe(200);
    expect((await exports()).pop()).toMatchObject({ actor_name: 'admin', entity: 'plan_dispatch', after: { scope: { city: 'yangzhou', year: 2023, month: 3 }, rows: expect.any(Number) } });
  });

  it('a refused export records nothing, and the chain with the exports verifies', async () => {
    const before = (await exports()).length;
    const qiye = await login(t.app, 'qiye');
    expect((await qiye.request('GET', '/api/v1/enterprises/export')).statusCode).toBe(403);
    expect((await exports()).length).toBe(before);
    expect((await verifyAuditChain(t.database.db)).problems).toEqual([]);
  });
});
