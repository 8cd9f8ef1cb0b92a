// 附件2 三(二) 核查程序: the city submits the year's scored result, 考核办 approves (审定) or returns
// it; a submitted or approved year is frozen, and approval is refused if the records changed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, sql } from 'drizzle-orm';
import { assessmentActivities } from '../src/db/schema/assessment.ts';
import { type Client, login, startTestApp, type TestApp } from './helpers/app.ts';

let t: TestApp;
let admin: Client;
let finance: Client;
let baoying: Client;
beforeAll(async () => {
  t = await startTestApp({ enterprises: 10 }); // the demo seed includes the 2022 records
  admin = await login(t.app, 'admin');
  finance = await login(t.app, 'finance');
  baoying = await login(t.app, 'baoying');
});
afterAll(async () => { await t?.close(); });

const activity = (date: string) => ({
  regionId: 'yz-baoying', date, type: 'training', level: 'county', hostedByLocalGovernment: true, title: `${date} 专题培训`,
  evidence: [{ kind: 'news', title: `${date} 新闻报道` }],
});
const activities = async () => Number((await t.database.db.select({ n: count() }).from(assessmentActivities))[0]!.n);
const state = async () => (await admin.request('GET', '/api/v1/assessment/2022/sign-off')).json();

describe('附件2 三(二) 核查程序: submission and 审定 of the annual result', () => {
  it('a year starts open; only the city submits and only 考核办 decides', async () => {
    expect(await state()).toMatchObject({ status: 'open', ranking: null });
    expect((await finance.request('POST', '/api/v1/assessment/2022/sign-off/submit')).statusCode).toBe(403);
    expect((await admin.request('POST', '/api/v1/assessment/2022/sign-off/approve')).statusCode).toBe(403);
    expect((await finance.request('POST', '/api/v1/assessment/2022/sign-off/approve')).statusCode).toBe(409);
  });

  it('submitting fixes the ranking with its hash and freezes the year for every writer', async () => {
    const res = await admin.request('POST', '/api/v1/assessment/2022/sign-off/submit');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'submitted', submittedBy: '市工信局管理员' });
    expect(res.json().snapshotHash).toMatch(/^[0-9a-f]{64}$/);
    expect(res.json().ranking).toHaveLength(8);

    const before = await activities();
    const blocked = await baoying.request('POST', '/api/v1/assessment/activities', activity('2022-11-05'));
    expect(blocked.statusCode).toBe(409);
    expect(blocked.json()).toMatchObject({ code: 'CONFLICT', field: 'year' });
    expect(await activities()).toBe(before);
    expect((await admin.request('PUT', '/api/v1/assessment/2022/settings', {})).statusCode).toBe(409);
    expect((await admin.request('POST', '/api/v1/assessment/2022/sign-off/submit')).statusCode).toBe(409);
  });

  it('a return needs a reason, unlocks the year and keeps the reason', async () => {
    const noReason = await finance.request('POST', '/api/v1/assessment/2022/sign-off/return', { reason: ' ' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().field).toBe('reason');
    const res = await finance.request('POST', '/api/v1/assessment/2022/sign-off/return', { reason: '宝应县第四季度活动佐证不全' });
    expect(res.json()).toMatchObject({ status: 'returned', decidedBy: '财政局/考核办', returnReason: '宝应县第四季度活动佐证不全' });
    expect((await baoying.request('POST', '/api/v1/assessment/activities', activity('2022-11-05'))).statusCode).toBe(201);
  });

  it('approval is refused when the records changed after submission', async () => {
    expect((await admin.request('POST', '/api/v1/assessment/2022/sign-off/submit')).statusCode).toBe(200);
    // A change that bypassed the application (a database edit) alters the result behind the snapshot.
    await t.database.db.execute(sql`delete from assessment_projects where id in (select id from assessment_projects where year = 2022 and region_id = 'yz-baoying' limit 3)`);
    const res = await finance.request('POST', '/api/v1/assessment/2022/sign-off/approve');
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toContain('发生了变化');
    expect((await state()).status).toBe('submitted');
  });

  it('考核办 approves a resubmitted, unchanged result; an approved year stays frozen', async () => {
    await finance.request('POST', '/api/v1/assessment/2022/sign-off/return', { reason: '记录有变动,请重新提交' });
    expect((await admin.request('POST', '/api/v1/assessment/2022/sign-off/submit')).statusCode).toBe(200);
    const res = await finance.request('POST', '/api/v1/assessment/2022/sign-off/approve');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'approved', decidedBy: '财政局/考核办' });
    expect((await finance.request('POST', '/api/v1/assessment/2022/sign-off/return', { reason: '再次退回' })).statusCode).toBe(409);
    expect((await baoying.request('POST', '/api/v1/assessment/activities', activity('2022-12-01'))).statusCode).toBe(409);
    expect((await baoying.request('GET', '/api/v1/assessment/2022/sign-off')).json().status).toBe('approved');
  });
});
