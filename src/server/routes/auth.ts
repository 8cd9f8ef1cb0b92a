import { z } from 'zod';
import { findUserById } from '../../db/repositories/user-repository.ts';
import { changePassword } from '../../use-cases/auth/change-password.ts';
import { endOtherSessions } from '../../use-cases/auth/end-other-sessions.ts';
import { endSession } from '../../use-cases/auth/end-session.ts';
import { listSessions } from '../../use-cases/auth/list-sessions.ts';
import { IDLE_TIMEOUT_MS, sessionCookieName } from '../../use-cases/auth/session-policy.ts';
import { logIn } from '../../use-cases/auth/log-in.ts';
import { logOut } from '../../use-cases/auth/log-out.ts';
import { presentUser } from '../../use-cases/users/user-presenter.ts';
import { requireActor, type RouteApp } from '../context.ts';
import { errorResponses } from '../schemas.ts';
import { passwordField, userSchema } from './users.ts';

const sessionSchema = z.object({ user: userSchema, csrfToken: z.string() });

const sessionView = z.object({
  id: z.string(), createdAt: z.string(), lastSeenAt: z.string(), expiresAt: z.string(),
  ip: z.string().nullable(), userAgent: z.string().nullable(), current: z.boolean(),
}).meta({ id: 'Session' });

/** Enough of a user agent to tell browsers apart; a longer header is cut, not refused. */
const userAgentOf = (header: string | undefined) => (header ? header.slice(0, 300) : null);

export async function authRoutes(app: RouteApp) {
  const secure = app.ctx.config.secureCookies;
  const cookieName = sessionCookieName(secure);
  // Clearing repeats the attributes: a browser ignores a __Host- Set-Cookie without Secure.
  const cookieAttributes = { path: '/', httpOnly: true, sameSite: 'strict', secure } as const;
  const rules = () => ({ minLength: app.ctx.config.passwordMinLength, minClasses: app.ctx.config.passwordMinClasses });

  app.post('/api/v1/auth/login', {
    config: { permission: 'public' },
    schema: {
      tags: ['auth'],
      summary: '登录 (sign in); sets the session cookie and returns the CSRF token for writes',
      body: z.object({
        // Control characters cannot be part of any username; refusing them here keeps them out of
        // the audit log and the sign-in counters.
        username: z.string({ error: '用户名必填' }).min(1, '用户名必填').max(100, '用户名不超过100个字符')
          .regex(/^[^\p{Cc}\p{Cs}]*$/u, '用户名不能含控制字符'),
        password: passwordField('密码'),
      }),
      response: { 200: sessionSchema, ...errorResponses, 423: errorResponses[400] },
    },
  }, async (req, reply) => {
    const { db } = app.ctx.database;
    const result = await logIn(db, { ...req.body, ip: req.ip, userAgent: userAgentOf(req.headers['user-agent']) });
    // The cookie lives no longer than the session may (the server refuses it after that anyway).
    reply.setCookie(cookieName, result.token, {
      ...cookieAttributes, maxAge: app.ctx.config.sessionMaxHours * 3600,
    });
    const user = await findUserById(db, result.userId);
    return { user: presentUser(user!), csrfToken: result.csrfToken };
  });

  app.post('/api/v1/auth/logout', {
    config: { permission: 'session' },
    schema: { tags: ['auth'], summary: '退出登录 (sign out)', response: { 204: z.null(), ...errorResponses } },
  }, async (req, reply) => {
    await logOut(app.ctx.database.db, requireActor(req), req.sessionId!);
    reply.clearCookie(cookieName, cookieAttributes);
    return reply.code(204).send(null);
  });

  app.get('/api/v1/auth/me', {
    config: { permission: 'session' },
    schema: {
      tags: ['auth'],
      summary: '当前用户与 CSRF 令牌 (who am I)',
      response: { 200: sessionSchema.extend({ idleTimeoutSeconds: z.number(), sessionMaxHours: z.number() }), ...errorResponses },
    },
  }, async (req) => {
    const user = await findUserById(app.ctx.database.db, requireActor(req).userId!);
    return { user: presentUser(user!), csrfToken: req.csrfToken!, idleTimeoutSeconds: IDLE_TIMEOUT_MS / 1000, sessionMaxHours: app.ctx.config.sessionMaxHours };
  });

  app.get('/api/v1/auth/sessions', {
    config: { permission: 'session' },
    schema: {
      tags: ['auth'],
      summary: '我的登录会话 (my sessions): when and where each was opened, last active, which is this one',
      response: { 200: z.array(sessionView), ...errorResponses },
    },
  }, async (req) => listSessions(app.ctx.database.db, requireActor(req), req.sessionId!, new Date(), app.ctx.config.sessionMaxHours));

  app.delete('/api/v1/auth/sessions/:id', {
    config: { permission: 'session' },
    schema: {
      tags: ['auth'],
      summary: '结束我的一个会话 (end one of my sessions); another user\'s session is 404',
      params: z.object({ id: z.string().regex(/^[0-9a-f]{64}$/, '会话编号须为64位十六进制字符') }),
      response: { 204: z.null(), ...errorResponses },
    },
  }, async (req, reply) => {
    const { current } = await endSession(app.ctx.database.db, requireActor(req), req.params.id, req.sessionId!);
    if (current) reply.clearCookie(cookieName, cookieAttributes);
    return reply.code(204).send(null);
  });

  app.post('/api/v1/auth/sessions/end-others', {
    config: { permission: 'session' },
    schema: {
      tags: ['auth'],
      summary: '退出其他会话 (sign out everywhere else)',
      response: { 200: z.object({ ended: z.number() }), ...errorResponses },
    },
  }, async (req) => endOtherSessions(app.ctx.database.db, requireActor(req), req.sessionId!));

  app.post('/api/v1/auth/password', {
    config: { permission: 'session' },
    schema: {
      tags: ['auth'],
      summary: '修改我的密码 (change my password): the old one is required; my other sessions end',
      body: z.object({ oldPassword: passwordField('原密码'), newPassword: passwordField('新密码') }).strict(),
      response: { 200: z.object({ endedSessions: z.number() }), ...errorResponses, 423: errorResponses[400] },
    },
  }, async (req) => changePassword(app.ctx.database.db, requireActor(req), req.sessionId!, req.body, rules()));
}
