import { z } from 'zod';
import { listAudit, verifyAuditChain } from '../../db/repositories/audit-repository.ts';
import type { RouteApp } from '../context.ts';
import { errorResponses } from '../schemas.ts';

const auditRowSchema = z.object({
  seq: z.number(), at: z.string(), actorId: z.string().nullable(), actorName: z.string(), action: z.string(),
  entity: z.string(), entityId: z.string().nullable(), before: z.unknown(), after: z.unknown(), ip: z.string().nullable(),
  result: z.string(), hash: z.string(),
}).meta({ id: 'AuditEntry' });

export async function auditRoutes(app: RouteApp) {
  app.get('/api/v1/audit', {
    config: { permission: 'audit.read' },
    schema: {
      tags: ['audit'],
      summary: '审计日志,新的在前 (audit log, newest first)',
      querystring: z.object({
        entity: z.string().max(50).optional(),
        entityId: z.string().max(100).optional(),
        beforeSeq: z.coerce.number().int().positive().optional(),
        limit: z.coerce.number().int().min(1, 'limit 须为1–500').max(500, 'limit 须为1–500').default(100),
      }),
      response: { 200: z.array(auditRowSchema), ...errorResponses },
    },
  }, async (req) => {
    const rows = await listAudit(app.ctx.database.db, req.query);
    return rows.map((r) => ({ ...r, at: r.at.toISOString() }));
  });

  app.get('/api/v1/audit/verify', {
    config: { permission: 'audit.verify' },
    schema: {
      tags: ['audit'],
      summary: '校验审计日志哈希链 (verify the hash chain)',
      response: {
        200: z.object({ ok: z.boolean(), count: z.number(), problems: z.array(z.object({ seq: z.number(), kind: z.string(), message: z.string() })) }),
        ...errorResponses,
      },
    },
  }, async () => {
    const r = await verifyAuditChain(app.ctx.database.db);
    return { ok: r.problems.length === 0, ...r };
  });
}
