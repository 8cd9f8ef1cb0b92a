import { z } from 'zod';
import { findUserById } from '../../db/repositories/user-repository.ts';
import { IDLE_TIMEOUT_MS, SESSION_COOKIE } from '../../use-cases/auth/session-policy.ts';
import { logIn } from '../../use-cases/auth/log-in.ts';
import { logOut } from '../../use-cases/auth/log-out.ts';
import { presentUser } from '../../use-cases/users/user-presenter.ts';
import { requireActor, type RouteApp } from '../context.ts';
import { errorResponses } from '../schemas.ts';
import { userSchema } from './users.ts';

const sessionSchema = z.object({ user: userSchema, csrfToken: z.string() });

export async function authRoutes(app: RouteApp) {
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
        password: z.string({ error: '密码必填' }).min(1, '密码必填').max(200),
      }),
      response: { 200: sessionSchema, ...errorResponses, 423: errorResponses[400] },
    },
  }, async (req, reply) => {
    const { db } = app.ctx.database;
    const result = await logIn(db, { ...req.body, ip: req.ip });
    reply.setCookie(SESSION_COOKIE, result.token, {
      path: '/', httpOnly: true, sameSite: 'strict', secure: app.ctx.config.secureCookies, maxAge: 12 * 3600,
    });
    const user = await findUserById(db, result.userId);
    return { user: presentUser(user!), csrfToken: result.csrfToken };
  });

  app.post('/api/v1/auth/logout', {
    config: { permission: 'session' },
    schema: { tags: ['auth'], summary: '退出登录 (sign out)', response: { 204: z.null(), ...errorResponses } },
  }, async (req, reply) => {
    await logOut(app.ctx.database.db, requireActor(req), req.sessionId!);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.code(204).send(null);
  });

  app.get('/api/v1/auth/me', {
    config: { permission: 'session' },
    schema: {
      tags: ['auth'],
      summary: '当前用户与 CSRF 令牌 (who am I)',
      response: { 200: sessionSchema.extend({ idleTimeoutSeconds: z.number() }), ...errorResponses },
    },
  }, async (req) => {
    const user = await findUserById(app.ctx.database.db, requireActor(req).userId!);
    return { user: presentUser(user!), csrfToken: req.csrfToken!, idleTimeoutSeconds: IDLE_TIMEOUT_MS / 1000 };
  });
}
