// The audit log as people read it: filters by person, time, action and record, each checked with a
// clear 400 naming the field; field-level changes beside the raw before/after; who may read it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, startTestApp, type Client, type TestApp } from './helpers/app.ts';

let t: TestApp;
let admin: Client;
let enterpriseId: string;
beforeAll(async () => {
  t = await startTestApp({ enterprises: 6 });
  admin = await login(t.app, 'admin');
  const officer = await login(t.app, 'baoying');
  const mine = (await officer.request('GET', '/api/v1/enterprises')).json() as { items: { id: string; version: number; contactName: string }[] };
  const e = mine.items[0]!;
  enterpriseId = e.id;
  expect((await officer.request('PATCH', `/api/v1/enterprises/${e.id}`, { contactName: '王五', version: e.version })).statusCode).toBe(200);
  const again = (await admin.request('GET', `/api/v1/enterprises/${e.id}`)).json() as { version: number };
  expect((await admin.request('PATCH', `/api/v1/enterprises/${e.id}`, { contactName: '赵六', version: again.version })).statusCode).toBe(200);
  await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'finance', password: 'not-the-password-1' } });
});
afterAll(async () => { await t?.close(); });

interface Row { seq: number; at: string; actorId: string | null; actorName: string; action: string; entity: string; entityId: string | null; before: unknown; after: unknown; changes: { path: string; before?: unknown; after?: unknown }[]; changesTruncated: boolean; result: string; hash: string }
const list = async (query: string, client = admin) => {
  const res = await client.request('GET', `/api/v1/audit?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Row[];
};
const chinaDay = (offsetDays = 0) => new Date(Date.now() + 8 * 3600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);

describe('GET /api/v1/audit', () => {
  it('filters by person, by action and by record, newest first', async () => {
    const byOfficer = await list('actor=baoying');
    expect(byOfficer.length).toBeGreaterThan(0);
    expect(new Set(byOfficer.map((r) => r.actorName))).toEqual(new Set(['baoying']));
    expect(byOfficer.map((r) => r.action)).toContain('update');

    const updates = await list(`action=update&entity=enterprise&entityId=${enterpriseId}`);
    expect(updates.map((r) => r.actorName)).toEqual(['admin', 'baoying']);
    expect(updates[0]!.seq).toBeGreaterThan(updates[1]!.seq);

    const failed = await list('action=login&actor=finance');
    expect(failed.map((r) => r.result)).toEqual(['failed']);

    const adminId = failed.length ? (await list('actor=admin&action=login'))[0]!.actorId : null;
    expect(adminId).toMatch(/^[0-9a-f-]{36}$/);
    const byId = await list(`actorId=${adminId}`);
    expect(byId.length).toBeGreaterThan(0);
    expect(byId.every((r) => r.actorId === adminId)).toBe(true);
  });

  it('each entry carries its field-level changes, and the raw before/after stay', async () => {
    const [latest, earlier] = await list(`action=update&entity=enterprise&entityId=${enterpriseId}`);
    expect(latest!.changes).toContainEqual({ path: 'contactName', before: '王五', after: '赵六' });
    expect(earlier!.changes).toContainEqual(expect.objectContaining({ path: 'contactName', after: '王五' }));
    // Unchanged fields are not listed.
    expect(latest!.changes.some((c) => c.path === 'name')).toBe(false);
    expect(latest!.before).toMatchObject({ contactName: '王五' });
    expect(latest!.after).toMatchObject({ contactName: '赵六' });
    expect(latest!.changesTruncated).toBe(false);
  });

  it('filters by time: a day is a China calendar day, an instant carries its offset', async () => {
    expect((await list(`from=${chinaDay()}&action=update`)).length).toBe(2);
    expect(await list(`to=${chinaDay(-1)}`)).toEqual([]);
    expect(await list(`from=${chinaDay(1)}`)).toEqual([]);
    const inAnHour = new Date(Date.now() + 3600_000).toISOString();
    expect(await list(`from=${encodeURIComponent(inAnHour)}`)).toEqual([]);
    expect((await list(`to=${encodeURIComponent(inAnHour)}&action=update`)).length).toBe(2);
    expect((await list(`from=${chinaDay(-1)}&to=${chinaDay()}&action=update`)).length).toBe(2);
  });

  it('bad filters get a 400 naming the field and listing nothing', async () => {
    const cases: [string, string][] = [
      ['from=2026-02-30', 'from'],
      ['from=yesterday', 'from'],
      ['to=1999-12-31', 'to'],
      [`from=${chinaDay()}&to=${chinaDay(-1)}`, 'to'],
      ['action=Approve!', 'action'],
      ['entity=enterprise%3Bdrop', 'entity'],
      ['actorId=admin', 'actorId'],
      ['actor=', 'actor'],
      ['limit=0', 'limit'],
      ['beforeSeq=0x10', 'beforeSeq'],
      ['person=admin', 'person'],
    ];
    for (const [query, field] of cases) {
      const res = await admin.request('GET', `/api/v1/audit?${query}`);
      expect(res.statusCode, query).toBe(400);
      const body = res.json() as { code: string; message: string; field: string };
      expect(body, query).toMatchObject({ code: 'INVALID', field });
      expect(body.message, query).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('who may read it is unchanged: the city administrator and the supervisor, nobody else', async () => {
    expect((await list('limit=1', await login(t.app, 'supervisor'))).length).toBe(1);
    for (const who of ['baoying', 'finance', 'qiye']) {
      expect((await (await login(t.app, who)).request('GET', '/api/v1/audit')).statusCode, who).toBe(403);
    }
  });

  it('pages backwards by sequence number within a filter', async () => {
    const first = await list('limit=2');
    const next = await list(`limit=2&beforeSeq=${first[1]!.seq}`);
    expect(next[0]!.seq).toBeLessThan(first[1]!.seq);
  });
});
