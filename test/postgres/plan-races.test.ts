// Monthly reports of the action plan hit by concurrent clients on PostgreSQL: the same month reported
// twice at once, and the same revision corrected by several officers at once. The unique (month,
// revision) index decides: exactly one lands, the others get 409, and the month has one current figure.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../src/db/client.ts';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { type HttpClient, httpLogin, listen, tally } from '../helpers/http.ts';

let t: TestApp;
let admin: HttpClient, wxb: HttpClient;
beforeAll(async () => {
  t = await startTestApp({ enterprises: 4, poolSize: 20 });
  const base = await listen(t.app);
  [admin, wxb] = await Promise.all(['admin', 'dept-wxb'].map((u) => httpLogin(base, u))) as [HttpClient, HttpClient];
});
afterAll(async () => { await t?.close(); });

const revisions = async (indicator: string, month: number) => queryRows<{ revision: number; value: string }>(t.database.db,
  sql`select revision, value from plan_reports where indicator_id = ${indicator} and year = 2023 and month = ${month}::int order by revision`);

describe('plan report races on PostgreSQL', () => {
  it('20 concurrent first reports of one month (市委网信办 and the city on its behalf): one 201, nineteen 409, one revision', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? admin : wxb).request('POST', '/api/v1/plan/reports', { indicatorId: 'base-stations', year: 2023, month: 3, value: 8400 + i })));
    expect(tally(results)).toEqual({ 201: 1, 409: 19 });
    expect((await revisions('base-stations', 3)).map((r) => r.revision)).toEqual([1]);
  });

  it('15 concurrent corrections of revision 1: one becomes revision 2, the rest are told to refresh', async () => {
    const results = await Promise.all(Array.from({ length: 15 }, (_, i) => wxb.request('POST', '/api/v1/plan/reports', {
      indicatorId: 'base-stations', year: 2023, month: 3, value: 8500 + i, replaces: 1, note: `并发更正 ${i}`,
    })));
    expect(tally(results)).toEqual({ 201: 1, 409: 14 });
    const rows = await revisions('base-stations', 3);
    expect(rows.map((r) => r.revision)).toEqual([1, 2]);
    const winner = results.find((r) => r.status === 201)!;
    expect(Number(rows[1]!.value)).toBe(winner.body.value);
  });
});
