// Builds the HTTP application: plugins, access control, error mapping and every resource's routes.
// Nothing here keeps request state in memory, so any number of instances can serve one database.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, LogController } from 'fastify';
import type { DestinationStream } from 'pino';
import { jsonSchemaTransform, jsonSchemaTransformObject, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { type AppConfig, businessDate } from '../config/env.ts';
import { LocalFileStore } from '../io/file-store.ts';
import { redactedErrSerializer } from '../lib/log-redact.ts';
import type { Database } from '../db/client.ts';
import { installAccessControl } from './access/access-hook.ts';
import type { RouteApp } from './context.ts';
import { installInputGuard } from './input-guard.ts';
import { installSecurityHeaders, staticCacheControl } from './security-headers.ts';
import { sessionCookieName } from '../use-cases/auth/session-policy.ts';
import { errorHandler } from './errors.ts';
import { applicationRoutes } from './routes/applications.ts';
import { auditRoutes } from './routes/audit.ts';
import { fundRoutes } from './routes/funds.ts';
import { publicityRoutes } from './routes/publicity.ts';
import { authRoutes } from './routes/auth.ts';
import { assessmentRoutes } from './routes/assessment.ts';
import { assessmentSignOffRoutes } from './routes/assessment-sign-off.ts';
import { assessmentProjectImportRoutes } from './routes/assessment-project-import.ts';
import { dashboardRoutes } from './routes/dashboard.ts';
import { dashboardHomeRoutes } from './routes/dashboard-home.ts';
import { enterpriseRoutes } from './routes/enterprises.ts';
import { enterpriseTransferRoutes } from './routes/enterprise-transfers.ts';
import { enterpriseEntitlementRoutes } from './routes/enterprise-entitlements.ts';
import { healthRoutes } from './routes/health.ts';
import { policyRoutes } from './routes/policies.ts';
import { regionRoutes } from './routes/regions.ts';
import { userRoutes } from './routes/users.ts';
import { diagnosisRoutes } from './routes/diagnoses.ts';
import { providerRoutes } from './routes/providers.ts';
import { maturityRoutes } from './routes/maturity.ts';
import { planRoutes } from './routes/plan.ts';
import { fileMatchRoutes } from './routes/file-match.ts';
import { enterpriseFactRoutes } from './routes/enterprise-facts.ts';
import { enterpriseImportJobRoutes } from './routes/enterprise-import-jobs.ts';
import { enterpriseExportJobRoutes } from './routes/enterprise-export-jobs.ts';
import { policyBatchJobRoutes } from './routes/policy-batch-jobs.ts';

/** Route plugins, one per resource. Add new resources here. */
export const ROUTES: ((app: RouteApp) => Promise<void>)[] = [
  healthRoutes, authRoutes, regionRoutes, enterpriseRoutes, enterpriseTransferRoutes, enterpriseEntitlementRoutes, userRoutes, auditRoutes, assessmentRoutes, assessmentSignOffRoutes, assessmentProjectImportRoutes, dashboardRoutes, dashboardHomeRoutes, policyRoutes,
  applicationRoutes, fundRoutes, publicityRoutes, providerRoutes, diagnosisRoutes, maturityRoutes, planRoutes,
  fileMatchRoutes, enterpriseFactRoutes, enterpriseImportJobRoutes, enterpriseExportJobRoutes, policyBatchJobRoutes,
];

const WEB_DIST = fileURLToPath(new URL('../../web/dist', import.meta.url));

export interface BuildOptions {
  database: Database;
  config: AppConfig;
  /** Log requests and errors (to stdout, or to the given stream: tests read what was logged). */
  logger?: boolean | { stream: DestinationStream };
  /** Started with --demo: the login page may list the demo accounts (never in production). */
  demo?: boolean;
  /** A read replica for the report pages (DATABASE_REPLICA_URL); without it they read `database`. */
  replica?: Database;
  /** True once the instance is stopping: its health check answers 503 (src/cli/commands/serve.ts). */
  draining?: () => boolean;
}

export async function buildApp({ database, replica, config, logger = false, demo = false, draining }: BuildOptions): Promise<FastifyInstance> {
  const app = Fastify({
    // Errors are logged without the values of a failed statement (password hashes, personal data).
    logger: logger ? { level: config.logLevel, serializers: { err: redactedErrSerializer }, ...(typeof logger === 'object' ? { stream: logger.stream } : {}) } : false,
    // One line per request at debug level (below), not Fastify's two at info: at the default level
    // the log holds what an operator acts on (start, errors, audit checkpoints), not every click.
    logController: new LogController({ disableRequestLogging: true }),
    trustProxy: process.env.ZGSZ_TRUST_PROXY === '1',
    bodyLimit: 2 * 1024 * 1024,
    // JSON.parse makes "__proto__" an own key, never the prototype; the input guard then refuses
    // the key by name, where Fastify's own check would only say the body is not valid JSON.
    onProtoPoisoning: 'ignore',
    onConstructorPoisoning: 'ignore',
  }).withTypeProvider<ZodTypeProvider>();
  app.decorate('ctx', { database, reports: replica ?? database, config, demo, files: new LocalFileStore(config.filesDir), today: () => businessDate(config) });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  app.addHook('onResponse', async (req, reply) => {
    req.log.debug({ method: req.method, url: req.url, status: reply.statusCode, ms: Math.round(reply.elapsedTime) }, 'request');
  });
  app.setNotFoundHandler((req, reply) => {
    if (req.url.startsWith('/api/')) return reply.code(404).send({ code: 'NOT_FOUND', message: `没有这个接口:${req.method} ${req.url.split('?')[0]}` });
    // A missing asset is a real 404: answering index.html would hand the browser HTML for a script.
    if (req.url.startsWith('/assets/')) return reply.code(404).send({ code: 'NOT_FOUND', message: 'not found' });
    return existsSync(WEB_DIST) ? reply.sendFile('index.html') : reply.code(404).send({ code: 'NOT_FOUND', message: 'not found' });
  });
  installSecurityHeaders(app, config);

  await app.register(fastifyCookie);
  installAccessControl(app);
  // A stopping instance fails its health check while it finishes what it has, so a balancer sends
  // it nothing new; the pid tells which process of `serve --workers N` answered.
  app.addHook('onRequest', async (req, reply) => {
    if (req.url.split('?')[0] !== '/api/v1/health') return;
    reply.header('x-zgsz-pid', String(process.pid));
    if (draining?.()) return reply.code(503).header('connection', 'close').send({ code: 'DRAINING', message: '实例正在停止 (instance draining)' });
  });
  // Answers sent while stopping close their connection, so a balancer does not reuse it and the
  // instance need not wait for its keep-alive timeout to exit.
  if (draining) app.addHook('onSend', async (_req, reply) => { if (draining()) reply.header('connection', 'close'); });
  installInputGuard(app);
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'ZGSZ 智改数转 API',
        version: '1.0.0',
        description: '智改数转政策兑现、一企一档、考核评分平台 API。写操作须带 x-csrf-token 请求头(登录时返回)。',
      },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: sessionCookieName(config.secureCookies) } } },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  // No validator badge: it would send the API description to validator.swagger.io (and CSP refuses it).
  await app.register(fastifySwaggerUi, { routePrefix: '/api/v1/docs', uiConfig: { validatorUrl: null } });
  app.get('/api/v1/openapi.json', { config: { permission: 'public' }, schema: { hide: true } }, async () => app.swagger());

  for (const routes of ROUTES) await app.register(routes);

  if (existsSync(WEB_DIST)) {
    // wildcard: files are looked up per request, so a rebuilt web/dist is served without a restart.
    // preCompressed: the build wrote <file>.br and <file>.gz; the one the browser accepts is sent.
    await app.register(fastifyStatic, {
      root: WEB_DIST, prefix: '/', wildcard: true, preCompressed: true,
      setHeaders: (reply, file) => reply.header('cache-control', staticCacheControl(WEB_DIST, file)),
    });
  }
  await app.ready();
  return app;
}
