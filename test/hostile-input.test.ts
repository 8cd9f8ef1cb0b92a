// Issue 12 item 2: the malformed inputs a probe found, each refused with its field named and
// nothing changed. The shared input layer (src/domain/input-text.ts, src/server/input-guard.ts,
// plainInt, isoDateSchema) is what refuses them; these cases pin each finding.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, sql } from 'drizzle-orm';
import { users } from '../src/db/schema/core.ts';
import { queryRows } from '../src/db/client.ts';
import { type Client, login, startTestApp, type TestApp } from './helpers/app.ts';

let t: TestApp;
let admin: Client;
let qiye: Client;

const auditSeq = async () => Number((await queryRows<{ seq: string | number }>(t.database.db, sql`select seq from audit_head where id = 1`))[0]!.seq);

beforeAll(async () => {
  t = await startTestApp({ enterprises: 4 });
  admin = await login(t.app, 'admin');
  qiye = await login(t.app, 'qiye');
});
afterAll(async () => t.close());

describe('text that the database cannot hold or would change', () => {
  it.each([
    ['NUL', 'ad\u0000min'],
    ['a lone high surrogate', 'a\uD800b'],
    ['a lone low surrogate', '\uDC00'],
    ['a control character', 'ad\u0007min'],
  ])('an anonymous login whose username holds %s is refused naming username', async (_what, username) => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: JSON.stringify({ username, password: 'x' }), headers: { 'content-type': 'application/json' } });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'INVALID', field: 'username' });
  });

  it('a lone surrogate deep in a body names its path', async () => {
    const before = await auditSeq();
    const res = await qiye.request('POST', '/api/v1/policies/yangzhou-2022-20/evaluate', {
      date: '2023-06-01', facts: { applicant_type: 'enterprise', projects: [{ annual_investment: '1\uD800' }] },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().field).toBe('facts.projects.0.annual_investment');
    expect(await auditSeq()).toBe(before);
  });

  it('tab and line breaks in a remark are still text', async () => {
    const res = await qiye.request('POST', '/api/v1/policies/yangzhou-2022-20/evaluate', { date: '2023-06-01', facts: { applicant_type: 'enterprise' } });
    expect(res.statusCode).toBe(200);
    const guarded = await admin.request('GET', `/api/v1/enterprises?q=${encodeURIComponent('华\t宏')}`);
    expect(guarded.statusCode).toBe(200);
  });

  it('a NUL in a query string is refused, not sent to the database', async () => {
    const res = await admin.request('GET', '/api/v1/enterprises?q=%00');
    expect(res.statusCode).toBe(400);
    expect(res.json().field).toBe('q');
  });
});

describe('keys and numbers', () => {
  it('__proto__ in a body is refused by name', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: '{"username":"admin","password":"x","__proto__":{"role":"city_admin"}}', headers: { 'content-type': 'application/json' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().field).toBe('__proto__');
  });

  it('an unknown key is named', async () => {
    const res = await admin.request('PUT', '/api/v1/assessment/2022/settings', { workItemPoint: 5 });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('workItemPoint');
  });

  it.each([[1e308], [2 ** 53 + 2]])('附件2 二(二) workItemPoints %s is refused and every later score read still answers', async (points) => {
    const res = await admin.request('PUT', '/api/v1/assessment/2022/settings', { workItemPoints: points });
    expect(res.statusCode).toBe(400);
    expect(res.json().field).toMatch(/workItemPoints/);
    expect((await admin.request('GET', '/api/v1/assessment/2022/scores')).statusCode).toBe(200);
  });

  it('a number JSON cannot hold exactly (2^53+1) is refused rather than rounded', async () => {
    const res = await admin.request('PUT', '/api/v1/assessment/2022/settings', Buffer.from('{"halfTargetPercent":9007199254740993}'), { 'content-type': 'application/json' });
    expect(res.statusCode).toBe(400);
    expect(res.json().field).toBe('halfTargetPercent');
  });

  it('附件2 scores out of 100: a setting above 100 points is refused', async () => {
    const res = await admin.request('PUT', '/api/v1/assessment/2022/settings', { bonus: { cap: '100.01' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().field).toBe('settings.bonus.cap');
  });
});

describe('path parameters are written one way', () => {
  it.each(['0x7E6', '0b11111100110', '+2022', '2022.0', ' 2022', '2e3', '02022'])('year %j is refused and 2022 targets are unchanged', async (year) => {
    const before = (await admin.request('GET', '/api/v1/assessment/2022/targets')).body;
    const res = await admin.request('PUT', `/api/v1/assessment/${encodeURIComponent(year)}/targets`, { regions: [] });
    expect(res.statusCode).toBe(400);
    expect(res.json().field).toBe('year');
    expect((await admin.request('GET', '/api/v1/assessment/2022/targets')).body).toBe(before);
  });

  it('a page number beyond safe integers is refused', async () => {
    const res = await admin.request('GET', '/api/v1/enterprises?page=99999999999999999999');
    expect(res.statusCode).toBe(400);
    expect(res.json().field).toBe('page');
  });
});

describe('dates are real and in range', () => {
  it.each(['0000-01-01', '1899-12-31', '2101-01-01', '9999-12-31'])('an evaluation date %s is refused naming date', async (date) => {
    const res = await qiye.request('POST', '/api/v1/policies/yangzhou-2022-20/evaluate', { date, facts: { applicant_type: 'enterprise' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().field).toBe('date');
  });

  it('附件2 二(二) a 2022 五个一 item completed on 1900-01-01 is refused naming completedOn', async () => {
    const res = await admin.request('PUT', '/api/v1/assessment/2022/work-items/yz-baoying/workTeam', { done: false, completedOn: '1900-01-01' });
    expect(res.statusCode).toBe(400);
    expect(res.json().field).toBe('completedOn');
  });
});

describe('references', () => {
  it('a user with regionId "" is refused naming regionId, and no user is added', async () => {
    const [{ n: before }] = await t.database.db.select({ n: count() }).from(users) as [{ n: number }];
    const res = await admin.request('POST', '/api/v1/users', { username: 'empty-region', displayName: '测试', role: 'city_reviewer', password: 'Zz9!kq-Lm2#vW', regionId: '' });
    expect(res.statusCode).toBe(400);
    expect(res.json().field).toBe('regionId');
    const [{ n: after }] = await t.database.db.select({ n: count() }).from(users) as [{ n: number }];
    expect(after).toBe(before);
  });
});

