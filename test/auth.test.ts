import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { loadConfig } from '../src/config/env.ts';
import { auditLog } from '../src/db/schema/audit.ts';
import { sessions, users } from '../src/db/schema/core.ts';
import { DEMO_PASSWORD } from '../src/db/seed/seed.ts';
import { logIn } from '../src/use-cases/auth/log-in.ts';
import { resolveSession } from '../src/use-cases/auth/resolve-session.ts';
import { login, startTestApp, type TestApp } from './helpers/app.ts';

let t: TestApp;
beforeAll(async () => { t = await startTestApp({ enterprises: 12 }); });
afterAll(async () => { await t?.close(); });

const attempt = (username: string, password: string) =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });

describe('sign-in, lockout, idle timeout, absolute lifetime and CSRF (等保 2.0 三级)', () => {
  it('signs in with the right password and sets an httpOnly SameSite=Strict cookie', async () => {
    const res = await attempt('reviewer', DEMO_PASSWORD);
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'zgsz_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Strict');
    expect(res.json().user).toMatchObject({ username: 'reviewer', role: 'city_reviewer' });
    expect(res.json().user.passwordHash).toBeUndefined();
  });

  it('gives the same 401 for an unknown user and a wrong password', async () => {
    const a = await attempt('nobody', 'whatever-Password1');
    const b = await attempt('reviewer', 'wrong-Password1');
    expect(a.statusCode).toBe(401);
    expect(b.statusCode).toBe(401);
    expect(a.json().message).toBe(b.json().message);
  });

  it('locks the account from that address for 15 minutes after 5 failed logins, even for the right password (等保 8.1.4.1)', async () => {
    for (let i = 0; i < 4; i++) expect((await attempt('finance', 'wrong-Password1')).statusCode).toBe(401);
    const fifth = await attempt('finance', 'wrong-Password1');
    expect(fifth.statusCode).toBe(423);
    expect(fifth.headers['retry-after']).toBe('900');
    expect((await attempt('finance', DEMO_PASSWORD)).statusCode).toBe(423);
    // 16 minutes later, from the same address, the lock has lapsed.
    const later = new Date(Date.now() + 16 * 60_000);
    await expect(logIn(t.database.db, { username: 'finance', password: DEMO_PASSWORD, ip: '127.0.0.1' }, later)).resolves.toHaveProperty('token');
  });

  it('a lockout is not a weapon: five guesses from one address do not lock the owner out elsewhere', async () => {
    for (let i = 0; i < 5; i++) await attempt('reviewer', 'wrong-Password1');
    expect((await attempt('reviewer', DEMO_PASSWORD)).statusCode).toBe(423);
    await expect(logIn(t.database.db, { username: 'reviewer', password: DEMO_PASSWORD, ip: '10.1.2.3' })).resolves.toHaveProperty('token');
  });

  it('answers an unknown username exactly as an existing one: 401, then 423 after the fifth failure', async () => {
    const known: [number, string][] = [];
    const unknown: [number, string][] = [];
    for (let i = 0; i < 6; i++) {
      const a = await logIn(t.database.db, { username: 'baoying', password: 'wrong-Password1', ip: '10.9.9.1' }).catch((e: { code: string; message: string }) => e);
      const b = await logIn(t.database.db, { username: 'no-such-user', password: 'wrong-Password1', ip: '10.9.9.1' }).catch((e: { code: string; message: string }) => e);
      known.push([i, `${(a as { code: string }).code} ${(a as { message: string }).message}`]);
      unknown.push([i, `${(b as { code: string }).code} ${(b as { message: string }).message}`]);
    }
    expect(unknown).toEqual(known);
    expect(known.map(([, m]) => m.split(' ')[0])).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED', 'UNAUTHENTICATED', 'UNAUTHENTICATED', 'LOCKED', 'LOCKED']);
  });

  it('slows an account guessed from many addresses (ASVS 2.2.1): past 10 failures each attempt must wait', async () => {
    const now = new Date(Date.now() + 3 * 3600_000); // a fresh window for these counters
    for (let i = 0; i < 11; i++) {
      await expect(logIn(t.database.db, { username: 'baoying', password: 'wrong-Password1', ip: `10.20.0.${i}` }, now)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    }
    // The 11th failure set a 1-second delay: even the right password from a new address waits.
    await expect(logIn(t.database.db, { username: 'baoying', password: DEMO_PASSWORD, ip: '10.20.1.1' }, now))
      .rejects.toMatchObject({ code: 'LOCKED', details: { retryAfterSeconds: 1 } });
    await expect(logIn(t.database.db, { username: 'baoying', password: DEMO_PASSWORD, ip: '10.20.1.1' }, new Date(now.getTime() + 1500)))
      .resolves.toHaveProperty('token');
  });

  it('slows an address that tries many accounts: past 30 failures each attempt must wait', async () => {
    const now = new Date(Date.now() + 6 * 3600_000);
    for (let i = 0; i < 31; i++) {
      await expect(logIn(t.database.db, { username: `spray${i}`, password: 'wrong-Password1', ip: '10.30.0.1' }, now)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    }
    await expect(logIn(t.database.db, { username: 'admin', password: DEMO_PASSWORD, ip: '10.30.0.1' }, now)).rejects.toMatchObject({ code: 'LOCKED' });
    await expect(logIn(t.database.db, { username: 'admin', password: DEMO_PASSWORD, ip: '10.30.0.2' }, now)).resolves.toHaveProperty('token');
  });

  it('a success resets the failure count: four failures, a success, four failures do not lock', async () => {
    for (let i = 0; i < 4; i++) await attempt('supervisor', 'wrong-Password1');
    expect((await attempt('supervisor', DEMO_PASSWORD)).statusCode).toBe(200);
    for (let i = 0; i < 4; i++) await attempt('supervisor', 'wrong-Password1');
    expect((await attempt('supervisor', DEMO_PASSWORD)).statusCode).toBe(200);
  });

  it('a disabled account answers like a wrong password until the password is right', async () => {
    const admin = await login(t.app, 'admin');
    expect((await admin.request('POST', '/api/v1/users/provider/disable')).statusCode).toBe(200);
    const wrongDisabled = await attempt('provider', 'wrong-Password1');
    const wrongActive = await attempt('qiye', 'wrong-Password1');
    expect([wrongDisabled.statusCode, wrongDisabled.json().message]).toEqual([wrongActive.statusCode, wrongActive.json().message]);
    const right = await attempt('provider', DEMO_PASSWORD);
    expect(right.statusCode).toBe(401);
    expect(right.json().message).toContain('已停用');
    expect((await admin.request('POST', '/api/v1/users/provider/enable')).statusCode).toBe(200);
  });

  it('records every login attempt with its result and IP in the audit log', async () => {
    const rows = await t.database.db.select().from(auditLog).where(eq(auditLog.action, 'login'));
    expect(rows.some((r) => r.actorName === 'nobody' && r.result === 'unknown_user' && r.ip)).toBe(true);
    expect(rows.some((r) => r.actorName === 'finance' && r.result === 'failed_locked')).toBe(true);
    expect(rows.some((r) => r.actorName === 'finance' && r.result === 'locked')).toBe(true);
    expect(rows.some((r) => r.actorName === 'provider' && r.result === 'failed_disabled')).toBe(true);
    expect(rows.some((r) => r.actorName === 'reviewer' && r.result === 'ok')).toBe(true);
  });

  it('ends a session after 30 minutes idle', async () => {
    const c = await login(t.app, 'admin');
    expect((await c.request('GET', '/api/v1/auth/me')).statusCode).toBe(200);
    await t.database.db.update(sessions).set({ lastSeenAt: sql`now() - interval '31 minutes'` });
    const res = await c.request('GET', '/api/v1/auth/me');
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('UNAUTHENTICATED');
  });

  it('keeps a session alive that was used 29 minutes ago', async () => {
    const { token } = await logIn(t.database.db, { username: 'admin', password: DEMO_PASSWORD, ip: null });
    const in29 = new Date(Date.now() + 29 * 60_000);
    expect(await resolveSession(t.database.db, token, null, in29)).not.toBeNull();
  });

  it('ends a session 12 hours after sign-in however active it is (absolute lifetime), and not before', async () => {
    const start = new Date();
    const { token } = await logIn(t.database.db, { username: 'reviewer', password: DEMO_PASSWORD, ip: '10.40.0.1' }, start);
    // A request every 25 minutes keeps the idle timeout from ever ending it…
    for (let minutes = 25; minutes <= 11 * 60 + 55; minutes += 25) {
      expect(await resolveSession(t.database.db, token, null, new Date(start.getTime() + minutes * 60_000)), `${minutes} minutes after sign-in`).not.toBeNull();
    }
    expect(await resolveSession(t.database.db, token, null, new Date(start.getTime() + (11 * 60 + 59) * 60_000))).not.toBeNull();
    // …but twelve hours after sign-in it is over, and stays over (the row is gone).
    expect(await resolveSession(t.database.db, token, null, new Date(start.getTime() + (12 * 60 + 1) * 60_000))).toBeNull();
    expect(await resolveSession(t.database.db, token, null, new Date(start.getTime() + (11 * 60 + 59) * 60_000))).toBeNull();
  });

  it('a session past its absolute lifetime answers 401 over HTTP though it was used a minute ago', async () => {
    const c = await login(t.app, 'baoying2');
    const me = await c.request('GET', '/api/v1/auth/me');
    expect(me.json()).toMatchObject({ idleTimeoutSeconds: 1800, sessionMaxHours: 12 });
    const { id } = ((await c.request('GET', '/api/v1/auth/sessions')).json() as { id: string; current: boolean }[]).find((x) => x.current)!;
    await t.database.db.update(sessions).set({ createdAt: sql`now() - interval '12 hours 1 minute'`, lastSeenAt: sql`now() - interval '1 minute'` })
      .where(eq(sessions.id, id));
    const res = await c.request('GET', '/api/v1/auth/me');
    expect(res.statusCode).toBe(401);
  });

  it('the absolute lifetime is ZGSZ_SESSION_MAX_HOURS (1–72), and the cookie lives no longer', async () => {
    const start = new Date();
    const { token } = await logIn(t.database.db, { username: 'reviewer', password: DEMO_PASSWORD, ip: '10.40.0.2' }, start);
    expect(await resolveSession(t.database.db, token, null, new Date(start.getTime() + 25 * 60_000), 1)).not.toBeNull();
    expect(await resolveSession(t.database.db, token, null, new Date(start.getTime() + 50 * 60_000), 1)).not.toBeNull();
    expect(await resolveSession(t.database.db, token, null, new Date(start.getTime() + 61 * 60_000), 1)).toBeNull();

    const cookie = (await attempt('baoying2', DEMO_PASSWORD)).cookies.find((c) => c.name === 'zgsz_session')!;
    expect(cookie.maxAge).toBe(12 * 3600);
    const saved = process.env.ZGSZ_SESSION_MAX_HOURS;
    try {
      for (const bad of ['0', '73', '1.5', 'twelve']) {
        process.env.ZGSZ_SESSION_MAX_HOURS = bad;
        expect(() => loadConfig(), bad).toThrow(/ZGSZ_SESSION_MAX_HOURS/);
      }
      process.env.ZGSZ_SESSION_MAX_HOURS = '72';
      expect(loadConfig().sessionMaxHours).toBe(72);
      delete process.env.ZGSZ_SESSION_MAX_HOURS;
      expect(loadConfig().sessionMaxHours).toBe(12);
    } finally {
      if (saved === undefined) delete process.env.ZGSZ_SESSION_MAX_HOURS;
      else process.env.ZGSZ_SESSION_MAX_HOURS = saved;
    }
  });

  it('refuses a cookie-authenticated write without the CSRF token, and changes nothing', async () => {
    const c = await login(t.app, 'admin');
    const body = { displayName: 'x', role: 'city_reviewer', password: 'Kx7#mRq2vLp9' };
    const missing = await c.request('POST', '/api/v1/users', { ...body, username: 'csrf1' }, { 'x-csrf-token': '' });
    expect(missing.statusCode).toBe(403);
    expect(missing.json().field).toBe('x-csrf-token');
    const wrong = await c.request('POST', '/api/v1/users', { ...body, username: 'csrf2' }, { 'x-csrf-token': 'forged' });
    expect(wrong.statusCode).toBe(403);
    expect(await t.database.db.select().from(users).where(sql`${users.username} in ('csrf1', 'csrf2')`)).toEqual([]);
    expect((await c.request('POST', '/api/v1/users', { ...body, username: 'csrf3' })).statusCode).toBe(201);
  });

  it('enforces the password rule (≥ 12 characters, three classes) naming the field', async () => {
    const c = await login(t.app, 'admin');
    const res = await c.request('POST', '/api/v1/users', { username: 'weak', displayName: 'w', role: 'finance', password: 'abcdefghijkl' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'INVALID', field: 'password' });
  });

  it('a disabled account cannot sign in and its sessions end', async () => {
    const officer = await login(t.app, 'kunshan');
    const admin = await login(t.app, 'admin');
    expect((await admin.request('POST', '/api/v1/users/kunshan/disable')).statusCode).toBe(200);
    expect((await officer.request('GET', '/api/v1/auth/me')).statusCode).toBe(401);
    expect((await attempt('kunshan', DEMO_PASSWORD)).statusCode).toBe(401);
    expect((await admin.request('POST', '/api/v1/users/kunshan/enable')).statusCode).toBe(200);
    expect((await attempt('kunshan', DEMO_PASSWORD)).statusCode).toBe(200);
  });

  it('logout ends the session', async () => {
    const c = await login(t.app, 'kunshan');
    expect((await c.request('POST', '/api/v1/auth/logout')).statusCode).toBe(204);
    expect((await c.request('GET', '/api/v1/auth/me')).statusCode).toBe(401);
  });
});
