// Sessions and passwords (等保 8.1.4.1, ASVS V2/V3): a user's own sessions, changing one's own
// password, the common-password and username rules, one longest password everywhere, and the
// administrator who cannot lock everyone out.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { cliActor } from '../src/cli/cli-actor.ts';
import { auditLog } from '../src/db/schema/audit.ts';
import { users } from '../src/db/schema/core.ts';
import { DEMO_PASSWORD } from '../src/db/seed/seed.ts';
import { setUserDisabled } from '../src/use-cases/users/set-user-disabled.ts';
import { type Client, login, startTestApp, type TestApp } from './helpers/app.ts';

let t: TestApp;
let admin: Client;
beforeAll(async () => {
  t = await startTestApp({ enterprises: 4 });
  admin = await login(t.app, 'admin');
});
afterAll(async () => { await t?.close(); });

/** Signs in as a browser would, with its own user agent and address. */
async function signIn(username: string, password: string, userAgent = 'vitest', ip = '127.0.0.1'): Promise<Client> {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password }, headers: { 'user-agent': userAgent }, remoteAddress: ip });
  if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'zgsz_session')!.value;
  const csrf = (res.json() as { csrfToken: string }).csrfToken;
  return {
    csrf,
    request: (method, url, payload, headers = {}) => t.app.inject({
      method, url, cookies: { zgsz_session: cookie }, remoteAddress: ip, headers: { 'x-csrf-token': csrf, ...headers },
      ...(payload === undefined ? {} : { payload: payload as object }),
    }),
  };
}

/** An account of the test's own, so lockouts and password changes touch nobody else. */
async function account(username: string, password: string, role = 'city_reviewer') {
  const res = await admin.request('POST', '/api/v1/users', { username, displayName: username, role, password });
  expect(res.statusCode, res.body).toBe(201);
}

interface SessionItem { id: string; current: boolean; ip: string | null; userAgent: string | null; createdAt: string; lastSeenAt: string; expiresAt: string }
const sessionsOf = async (c: Client) => (await c.request('GET', '/api/v1/auth/sessions')).json() as SessionItem[];
const isSignedIn = async (c: Client) => (await c.request('GET', '/api/v1/auth/me')).statusCode === 200;

describe('my sessions (ASVS 3.3.4)', () => {
  it('lists the user\'s own live sessions with when, where and which browser, marking the current one', async () => {
    await account('sess.list', 'Tq8#wZr4nVb2');
    const laptop = await signIn('sess.list', 'Tq8#wZr4nVb2', 'Mozilla/5.0 (Windows NT 10.0) Chrome/126', '10.50.0.1');
    const phone = await signIn('sess.list', 'Tq8#wZr4nVb2', 'Mozilla/5.0 (iPhone) Safari/17', '10.50.0.2');
    const list = await sessionsOf(laptop);
    expect(list).toHaveLength(2);
    expect(list.map((s) => [s.userAgent, s.ip, s.current]).sort()).toEqual([
      ['Mozilla/5.0 (Windows NT 10.0) Chrome/126', '10.50.0.1', true],
      ['Mozilla/5.0 (iPhone) Safari/17', '10.50.0.2', false],
    ]);
    for (const s of list) {
      expect(Date.parse(s.expiresAt) - Date.parse(s.createdAt)).toBe(12 * 3600_000);
      expect(s.id).toMatch(/^[0-9a-f]{64}$/);
    }
    // Nobody else's sessions are in it.
    expect((await sessionsOf(admin)).every((s) => !list.some((mine) => mine.id === s.id))).toBe(true);
    expect((await sessionsOf(phone)).find((s) => s.current)!.userAgent).toContain('iPhone');
  });

  it('ends one of my sessions: that browser is signed out, the others are not; audited', async () => {
    await account('sess.end', 'Jm5$kPx9cWq3');
    const a = await signIn('sess.end', 'Jm5$kPx9cWq3', 'browser A');
    const b = await signIn('sess.end', 'Jm5$kPx9cWq3', 'browser B');
    const target = (await sessionsOf(a)).find((s) => s.userAgent === 'browser B')!;
    expect((await a.request('DELETE', `/api/v1/auth/sessions/${target.id}`)).statusCode).toBe(204);
    expect(await isSignedIn(b)).toBe(false);
    expect(await isSignedIn(a)).toBe(true);
    expect((await sessionsOf(a)).map((s) => s.userAgent)).toEqual(['browser A']);
    const user = (await t.database.db.select().from(users).where(eq(users.username, 'sess.end')))[0]!;
    const audit = await t.database.db.select().from(auditLog).where(and(eq(auditLog.action, 'end_session'), eq(auditLog.entityId, user.id)));
    expect(audit).toHaveLength(1);
    // Ending it again: it is gone.
    expect((await a.request('DELETE', `/api/v1/auth/sessions/${target.id}`)).statusCode).toBe(404);
  });

  it('another user\'s session id is 404 like a missing one, and that session lives on', async () => {
    const victim = await signIn('finance', DEMO_PASSWORD, 'victim');
    const theirs = (await sessionsOf(victim)).find((s) => s.current)!;
    const res = await admin.request('DELETE', `/api/v1/auth/sessions/${theirs.id}`);
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: 'NOT_FOUND' });
    const missing = await admin.request('DELETE', `/api/v1/auth/sessions/${'0'.repeat(64)}`);
    expect([missing.statusCode, missing.json().message]).toEqual([404, res.json().message]);
    expect(await isSignedIn(victim)).toBe(true);
    const bad = await admin.request('DELETE', '/api/v1/auth/sessions/not-a-session');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().field).toBe('id');
  });

  it('ending the current session signs this browser out', async () => {
    await account('sess.self', 'Hv3!nQz8rTb6');
    const c = await signIn('sess.self', 'Hv3!nQz8rTb6');
    const mine = (await sessionsOf(c)).find((s) => s.current)!;
    const res = await c.request('DELETE', `/api/v1/auth/sessions/${mine.id}`);
    expect(res.statusCode).toBe(204);
    expect(res.cookies.find((x) => x.name === 'zgsz_session')?.value).toBe('');
    expect(await isSignedIn(c)).toBe(false);
  });

  it('退出其他会话 ends every other session of mine and keeps this one', async () => {
    await account('sess.others', 'Ws6@bLm2xKq9');
    const here = await signIn('sess.others', 'Ws6@bLm2xKq9', 'here');
    const elsewhere = [await signIn('sess.others', 'Ws6@bLm2xKq9', 'there 1'), await signIn('sess.others', 'Ws6@bLm2xKq9', 'there 2')];
    const finance = await signIn('finance', DEMO_PASSWORD, 'bystander');
    const res = await here.request('POST', '/api/v1/auth/sessions/end-others');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ended: 2 });
    for (const c of elsewhere) expect(await isSignedIn(c)).toBe(false);
    expect(await isSignedIn(here)).toBe(true);
    expect(await isSignedIn(finance)).toBe(true);
    expect((await sessionsOf(here)).map((s) => s.userAgent)).toEqual(['here']);
  });

  it('needs a signed-in session and the CSRF token', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/sessions' })).statusCode).toBe(401);
    const res = await admin.request('POST', '/api/v1/auth/sessions/end-others', undefined, { 'x-csrf-token': 'forged' });
    expect(res.statusCode).toBe(403);
  });
});

describe('changing my own password', () => {
  it('a wrong old password is refused naming the field, changes nothing, and is audited', async () => {
    await account('pw.wrong', 'Cn4#tVx8mRz2');
    const c = await signIn('pw.wrong', 'Cn4#tVx8mRz2');
    const res = await c.request('POST', '/api/v1/auth/password', { oldPassword: 'Not-the-old-1!', newPassword: 'Fresh#Pass9wd' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'INVALID', field: 'oldPassword', message: '原密码不正确' });
    expect(await isSignedIn(c)).toBe(true);
    await signIn('pw.wrong', 'Cn4#tVx8mRz2');
    const rows = await t.database.db.select().from(auditLog).where(and(eq(auditLog.action, 'change_password'), eq(auditLog.actorName, 'pw.wrong')));
    expect(rows.map((r) => r.result)).toEqual(['failed']);
  });

  it('the old password is required', async () => {
    await account('pw.missing', 'Gd7$wNq3zLx5');
    const c = await signIn('pw.missing', 'Gd7$wNq3zLx5');
    const res = await c.request('POST', '/api/v1/auth/password', { newPassword: 'Fresh#Pass9wd' });
    expect(res.statusCode).toBe(400);
    expect(res.json().field).toBe('oldPassword');
  });

  it('success: the new password signs in, the old one no longer does, every other session of mine ends, this one stays', async () => {
    await account('pw.ok', 'Rb2%kWm7qZx4');
    const here = await signIn('pw.ok', 'Rb2%kWm7qZx4', 'here');
    const other = await signIn('pw.ok', 'Rb2%kWm7qZx4', 'other');
    const res = await here.request('POST', '/api/v1/auth/password', { oldPassword: 'Rb2%kWm7qZx4', newPassword: 'Lp9^vHs3nYc8' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ endedSessions: 1 });
    expect(await isSignedIn(other)).toBe(false);
    expect(await isSignedIn(here)).toBe(true);
    await expect(signIn('pw.ok', 'Rb2%kWm7qZx4')).rejects.toThrow(/401/);
    await signIn('pw.ok', 'Lp9^vHs3nYc8');
    const rows = await t.database.db.select().from(auditLog).where(and(eq(auditLog.action, 'change_password'), eq(auditLog.actorName, 'pw.ok')));
    expect(rows.map((r) => [r.result, r.after])).toEqual([['ok', { endedSessions: 1 }]]);
  });

  it('the new password must follow the rules and differ from the old one, naming newPassword', async () => {
    await account('pw.rules', 'Xe5&jTp8wKd3');
    const c = await signIn('pw.rules', 'Xe5&jTp8wKd3');
    for (const [newPassword, words] of [
      ['short1!A', '至少12个字符'],
      ['Woaini@1314520', '常见'],
      ['My-PW.Rules-2026', '用户名'],
      ['Xe5&jTp8wKd3', '不能与原密码相同'],
    ] as const) {
      const res = await c.request('POST', '/api/v1/auth/password', { oldPassword: 'Xe5&jTp8wKd3', newPassword });
      expect(res.statusCode, newPassword).toBe(400);
      expect(res.json().field, newPassword).toBe('newPassword');
      expect(res.json().message, newPassword).toContain(words);
    }
    await signIn('pw.rules', 'Xe5&jTp8wKd3');
  });

  it('guessing the old password counts as failed sign-ins: the fifth wrong guess locks, and the sign-in form is locked too', async () => {
    await account('pw.guess', 'Vk4*rMz9pQs2');
    const c = await signIn('pw.guess', 'Vk4*rMz9pQs2', 'thief', '10.60.0.1');
    const codes: number[] = [];
    for (let i = 0; i < 6; i++) {
      codes.push((await c.request('POST', '/api/v1/auth/password', { oldPassword: `guess-${i}-Aa1!`, newPassword: 'Stolen#Acct9x' })).statusCode);
    }
    expect(codes).toEqual([400, 400, 400, 400, 423, 423]);
    // Even the right old password now waits, and so does signing in from that address.
    expect((await c.request('POST', '/api/v1/auth/password', { oldPassword: 'Vk4*rMz9pQs2', newPassword: 'Stolen#Acct9x' })).statusCode).toBe(423);
    await expect(signIn('pw.guess', 'Vk4*rMz9pQs2', 'thief', '10.60.0.1')).rejects.toThrow(/423/);
    await signIn('pw.guess', 'Vk4*rMz9pQs2', 'owner', '10.60.0.2');
  });
});

describe('password rules (ASVS 2.1)', () => {
  const create = (username: string, password: string) =>
    admin.request('POST', '/api/v1/users', { username, displayName: username, role: 'finance', password });

  it('refuses common passwords, case-insensitively and dressed in digits and symbols, naming the field', async () => {
    for (const password of ['WOAINI1314@520', 'Aa123456789!', 'Qwer1234!@#$', 'P@ssw0rd2026!', 'Admin@1234567', '1qaz@WSX3edc', 'Password123!', 'Yangzhou@2026']) {
      const res = await create('common.pw', password);
      expect(res.statusCode, password).toBe(400);
      expect(res.json(), password).toMatchObject({ code: 'INVALID', field: 'password' });
      expect(res.json().message, password).toContain('常见');
    }
    expect(await t.database.db.select().from(users).where(eq(users.username, 'common.pw'))).toEqual([]);
  });

  it('refuses a password containing the username (case-insensitive), at creation and at reset', async () => {
    const res = await create('wang.fang', 'Xx-WANG.FANG-2026');
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ field: 'password', message: '密码不能包含用户名' });
    await account('zhou.yi', 'Kd8#pXw2mQz7');
    const c = await signIn('zhou.yi', 'Kd8#pXw2mQz7');
    const reset = await admin.request('POST', '/api/v1/users/zhou.yi/reset-password', { password: 'Zhou.Yi#20260601' });
    expect(reset.statusCode).toBe(400);
    expect(reset.json()).toMatchObject({ field: 'password', message: '密码不能包含用户名' });
    expect(await isSignedIn(c)).toBe(true);
    // An accepted reset ends every session of the account.
    expect((await admin.request('POST', '/api/v1/users/zhou.yi/reset-password', { password: 'Nm6!cRx2vBk9' })).statusCode).toBe(204);
    expect(await isSignedIn(c)).toBe(false);
  });

  it('one longest password (128) everywhere: 129 or 5,000 characters are refused at creation, reset, change and sign-in; 128 signs in', async () => {
    const long = (n: number) => `Aa1!${'kq7Z'.repeat(Math.ceil(n / 4))}`.slice(0, n);
    for (const n of [129, 201, 5000]) {
      const res = await create(`long${n}`, long(n));
      expect(res.statusCode, String(n)).toBe(400);
      expect(res.json(), String(n)).toMatchObject({ code: 'INVALID', field: 'password' });
      expect(res.json().message, String(n)).toContain('128');
    }
    expect(await t.database.db.select().from(users).where(eq(users.username, 'long129'))).toEqual([]);

    const created = await create('long128', long(128));
    expect(created.statusCode, created.body).toBe(201);
    const c = await signIn('long128', long(128));
    expect(await isSignedIn(c)).toBe(true);

    const login129 = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'long128', password: long(129) } });
    expect(login129.statusCode).toBe(400);
    expect(login129.json().field).toBe('password');
    const reset129 = await admin.request('POST', '/api/v1/users/long128/reset-password', { password: long(129) });
    expect([reset129.statusCode, reset129.json().field]).toEqual([400, 'password']);
    const change129 = await c.request('POST', '/api/v1/auth/password', { oldPassword: long(128), newPassword: long(129) });
    expect([change129.statusCode, change129.json().field]).toEqual([400, 'newPassword']);
  });
});

describe('administrators cannot lock everyone out', () => {
  it('an administrator cannot disable their own account; the server says why', async () => {
    const res = await admin.request('POST', '/api/v1/users/admin/disable');
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'INVALID', field: 'username' });
    expect(res.json().message).toContain('不能停用自己');
    expect(await isSignedIn(admin)).toBe(true);
  });

  it('the last enabled administrator cannot be disabled (the command line included)', async () => {
    await account('admin.two', 'Bh5^sKq8wNz3', 'city_admin');
    // Two administrators: one may go.
    await setUserDisabled(t.database.db, cliActor(), 'admin.two', true);
    // Now 'admin' is the last one.
    await expect(setUserDisabled(t.database.db, cliActor(), 'admin', true)).rejects.toMatchObject({ code: 'CONFLICT', field: 'username' });
    expect((await t.database.db.select().from(users).where(eq(users.username, 'admin')))[0]!.disabled).toBe(false);
    // Others are disabled as before.
    await expect(setUserDisabled(t.database.db, cliActor(), 'reviewer', true)).resolves.toMatchObject({ disabled: true });
    await setUserDisabled(t.database.db, cliActor(), 'reviewer', false);
    await setUserDisabled(t.database.db, cliActor(), 'admin.two', false);
  });
});
