import { z } from 'zod';
import { invalid } from '../../domain/errors.ts';
import { listAuditLog } from '../../use-cases/audit/list-audit-log.ts';
import { verifyAuditLog } from '../../use-cases/audit/verify-audit-log.ts';
import { requireActor, type RouteApp } from '../context.ts';
import { errorResponses, plainInt } from '../schemas.ts';

const changeSchema = z.object({ path: z.string(), before: z.unknown().optional(), after: z.unknown().optional() });

const auditRowSchema = z.object({
  seq: z.number(), at: z.string(), actorId: z.string().nullable(), actorName: z.string(), action: z.string(),
  entity: z.string(), entityId: z.string().nullable(), before: z.unknown(), after: z.unknown(),
  changes: z.array(changeSchema).describe('逐字段的变更:path、变更前 before、变更后 after(缺少即该字段不存在)'),
  changesTruncated: z.boolean(), ip: z.string().nullable(), result: z.string(), hash: z.string(),
}).meta({ id: 'AuditEntry' });

const CODE = /^[a-z][a-z0-9_]{0,49}$/;
const code = (name: string) => z.string({ error: `${name} 须为操作代码` }).regex(CODE, `${name} 须为小写字母、数字与下划线组成的代码(如 ${name === 'action' ? 'approve' : 'enterprise'})`);

/** China time: a date alone means that day from 00:00 in China. */
const CHINA = '+08:00';
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * A moment as a query gives it: `2026-03-01` (a day, China time) or an ISO date-time with its
 * offset. `end`: a day means up to the end of that day, a date-time up to and including it.
 */
function moment(name: string, end: boolean) {
  const message = `${name} 须为 YYYY-MM-DD 日期或带时区的 ISO 时间(如 2026-03-01 或 2026-03-01T08:00:00+08:00),年份在 2000–2100 之间`;
  return z.string({ error: message }).transform((raw, ctx) => {
    const day = DATE.exec(raw);
    const full = day ? null : DATE_TIME.exec(raw);
    const parts = day ?? full;
    // The calendar date must exist as written (no 2026-02-30), so it is checked before any offset moves it.
    const calendar = parts && new Date(`${parts[1]}-${parts[2]}-${parts[3]}T00:00:00Z`);
    if (!parts || !calendar || Number.isNaN(calendar.getTime()) || !calendar.toISOString().startsWith(`${parts[1]}-${parts[2]}-${parts[3]}`)
      || Number(parts[1]) < 2000 || Number(parts[1]) > 2100) {
      ctx.addIssue({ code: 'custom', message });
      return z.NEVER;
    }
    const at = new Date(day ? `${raw}T00:00:00${CHINA}` : raw);
    if (Number.isNaN(at.getTime())) {
      ctx.addIssue({ code: 'custom', message });
      return z.NEVER;
    }
    return end ? new Date(at.getTime() + (day ? 24 * 3600_000 : 1)) : at;
  });
}

const listQuery = z.object({
  actor: z.string().trim().min(1, 'actor 不能为空').max(100, 'actor 最长100字').optional().describe('操作人用户名(精确匹配)'),
  actorId: z.uuid('actorId 须为账号编号(UUID)').optional(),
  action: code('action').optional(),
  entity: code('entity').optional(),
  entityId: z.string().max(100, 'entityId 最长100字').optional(),
  from: moment('from', false).optional().describe('起始:YYYY-MM-DD(中国时间当日零时)或带时区的 ISO 时间'),
  to: moment('to', true).optional().describe('截止(含):YYYY-MM-DD(含当日)或带时区的 ISO 时间'),
  beforeSeq: plainInt('beforeSeq 须为正整数', 1, Number.MAX_SAFE_INTEGER).optional(),
  limit: plainInt('limit 须为1–500的整数', 1, 500).default(100),
}).strict();

export async function auditRoutes(app: RouteApp) {
  app.get('/api/v1/audit', {
    config: { permission: 'audit.read' },
    schema: {
      tags: ['audit'],
      summary: '审计日志,新的在前;可按操作人、时间、操作、对象筛选 (audit log, newest first, filtered)',
      querystring: listQuery,
      response: { 200: z.array(auditRowSchema), ...errorResponses },
    },
  }, async (req) => {
    const q = req.query;
    if (q.from && q.to && q.from.getTime() >= q.to.getTime()) throw invalid('to', 'to 须晚于 from(截止时间早于起始时间)');
    return listAuditLog(app.ctx.database.db, requireActor(req), q);
  });

  app.get('/api/v1/audit/verify', {
    config: { permission: 'audit.verify' },
    schema: {
      tags: ['audit'],
      summary: '校验审计日志:密钥签名的哈希链与签名检查点 (verify the keyed chain and the signed checkpoints)',
      response: {
        200: z.object({
          ok: z.boolean(), count: z.number(), firstBadSeq: z.number().nullable(), checkpoints: z.number(), warnings: z.array(z.string()),
          problems: z.array(z.object({ seq: z.number(), kind: z.string(), message: z.string() })),
        }),
        ...errorResponses,
      },
    },
  }, async (req) => {
    const r = await verifyAuditLog(app.ctx.database.db, requireActor(req), { checkpointFile: app.ctx.config.auditCheckpointFile, now: new Date() });
    if (r.wroteCheckpoint) req.log.info({ auditCheckpoint: r.wroteCheckpoint.line }, 'audit checkpoint');
    return { ok: r.ok, count: r.count, firstBadSeq: r.firstBadSeq, checkpoints: r.checkpoints, warnings: r.warnings, problems: r.problems };
  });
}
