// Deny by default: every route must name a permission from rules.ts or the app refuses to start;
// every request is checked against it before validation or the handler run.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { DomainError } from '../../domain/errors.ts';
import { CSRF_HEADER, sessionCookieName } from '../../use-cases/auth/session-policy.ts';
import { resolveSession } from '../../use-cases/auth/resolve-session.ts';
import { forgetSessionVersions } from '../../use-cases/report-cache.ts';
import { hasPermission, isPermission, type Permission, PERMISSIONS } from '../../domain/access/index.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface ApiRoute {
  method: string;
  url: string;
  permission: Permission;
}

export function installAccessControl(app: FastifyInstance) {
  // The list of API routes and their permissions, for the access-control matrix test and docs.
  const apiRoutes: ApiRoute[] = [];
  app.decorate('apiRoutes', apiRoutes);
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionId', null);
  app.decorateRequest('csrfToken', null);

  app.addHook('onRoute', (route) => {
    // Static files and the documentation UI are registered by plugins that know nothing of
    // permissions; only routes under /api/v1 must declare one.
    if (!route.url.startsWith('/api/v1') || route.url.startsWith('/api/v1/docs')) return;
    const permission = route.config?.permission;
    if (!isPermission(permission)) {
      throw new Error(`route ${route.method} ${route.url} declares no valid permission (config.permission)`);
    }
    for (const method of [route.method].flat()) if (method !== 'HEAD') apiRoutes.push({ method, url: route.url, permission });
  });

  const cookieName = sessionCookieName(app.ctx.config.secureCookies);
  app.addHook('onRequest', async (req: FastifyRequest) => {
    const permission = req.routeOptions.config?.permission;
    if (!permission) return;
    const token = req.cookies[cookieName];
    if (token) {
      const resolved = await resolveSession(app.ctx.database.db, token, req.ip, new Date(), app.ctx.config.sessionMaxHours);
      if (resolved) {
        req.actor = resolved.actor;
        req.sessionId = resolved.sessionId;
        req.csrfToken = resolved.csrfToken;
      }
    }
    if (PERMISSIONS[permission] === 'public') return;
    if (!req.actor) throw new DomainError('UNAUTHENTICATED', '未登录或会话已超时,请重新登录 (sign in required)');
    if (!SAFE_METHODS.has(req.method) && req.headers[CSRF_HEADER] !== req.csrfToken) {
      throw new DomainError('FORBIDDEN', `缺少或错误的 CSRF 令牌:请在请求头 ${CSRF_HEADER} 中附上登录时返回的 csrfToken`, CSRF_HEADER);
    }
    if (!hasPermission(req.actor, permission)) throw new DomainError('FORBIDDEN', '当前角色无权执行此操作 (forbidden)');
  });
  app.addHook('onResponse', async (req: FastifyRequest) => {
    if (req.actor) forgetSessionVersions(req.actor);
  });
}
