import { PassThrough } from 'node:stream';
import { z } from 'zod';
import { INDUSTRIAL_CHAINS } from '../../domain/enterprise/chains.ts';
import { certificationClaimSchema, claimReviewSchema, enterpriseCreateSchema, enterpriseUpdateSchema } from '../../domain/enterprise/enterprise-input.ts';
import { invalid } from '../../domain/errors.ts';
import { createEnterprise } from '../../use-cases/enterprises/create-enterprise.ts';
import { exportEnterprises } from '../../use-cases/enterprises/export-enterprises.ts';
import { getEnterprise } from '../../use-cases/enterprises/get-enterprise.ts';
import { importEnterprises } from '../../use-cases/enterprises/import-enterprises.ts';
import { listCertificationClaims } from '../../use-cases/enterprises/list-certification-claims.ts';
import { reviewCertificationClaim } from '../../use-cases/enterprises/review-certification-claim.ts';
import { submitCertificationClaim } from '../../use-cases/enterprises/submit-certification-claim.ts';
import { searchEnterprises } from '../../use-cases/enterprises/search-enterprises.ts';
import { updateEnterprise } from '../../use-cases/enterprises/update-enterprise.ts';
import { chainPendingAudit } from '../../db/repositories/audit-repository.ts';
import { uploadLimits } from '../../io/upload-limits.ts';
import { requireActor, type RouteApp } from '../context.ts';
import { clientSignal, uploadBody } from '../uploads.ts';
import { booleanQuery, errorResponses, pageQuery } from '../schemas.ts';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const CERT_KINDS = ['integration', 'cloud', 'recognition'] as const;

export const claimSchema = z.object({
  id: z.string(), enterpriseId: z.string(), kind: z.enum(CERT_KINDS), level: z.string(), title: z.string(), year: z.number(),
  status: z.enum(['pending', 'confirmed', 'rejected']), evidence: z.string().nullable(), submittedBy: z.string().nullable(),
  submittedAt: z.string().nullable(), reviewedBy: z.string().nullable(), reviewedAt: z.string().nullable(), reviewNote: z.string().nullable(),
}).meta({ id: 'CertificationClaim' });

export const enterpriseSchema = z.object({
  id: z.string(), uscc: z.string(), name: z.string(), regionId: z.string(), industryCode: z.string(),
  aboveScale: z.boolean(), chains: z.array(z.string()), legalForm: z.enum(['independent', 'branch']),
  contactName: z.string().nullable(), contactPhone: z.string().nullable(), contactEmail: z.string().nullable(),
  address: z.string().nullable(),
  certifications: z.array(z.object({ kind: z.enum(CERT_KINDS), level: z.string(), title: z.string(), year: z.number() })),
  /** One file only: the enterprise's own claims that are pending or were rejected. */
  certificationClaims: z.array(claimSchema).optional(),
  version: z.number(), createdAt: z.string(), updatedAt: z.string(),
}).meta({ id: 'Enterprise' });

const listQuery = z.object({
  q: z.string().trim().max(100, '搜索词不超过100字').optional(),
  regionId: z.string().max(50).optional(),
  aboveScale: booleanQuery.optional(),
  chain: z.enum(INDUSTRIAL_CHAINS, { error: `产业链须为 ${INDUSTRIAL_CHAINS.join('、')} 之一` }).optional(),
  ...pageQuery,
  after: z.string().max(2000).optional().describe('上一页结果中的 next:从该行之后继续(按地区、名称排序;超过前 10,000 条时用它翻页)'),
});

const idParams = z.object({ id: z.string().max(64) });

export const importReportSchema = z.object({
  dryRun: z.boolean(), committed: z.boolean(), rows: z.number(), created: z.number(), updated: z.number(),
  unchanged: z.number(),
  errors: z.array(z.object({ row: z.number(), column: z.string(), message: z.string() })).describe('前 1000 处错误(按行)'),
  errorsTotal: z.number().describe('错误总数(含未列出的)'), errorRows: z.number().describe('有错误的行数'),
  errorsTruncated: z.boolean().describe('错误多于列出的 1000 处'),
  changes: z.array(z.object({
    row: z.number(), uscc: z.string(), name: z.string(),
    fields: z.array(z.object({ field: z.string(), label: z.string(), before: z.string(), after: z.string() })),
  })),
  changesTotal: z.number(),
});

export async function enterpriseRoutes(app: RouteApp) {
  const db = () => app.ctx.database.db;

  // The body reaches the route unread: it is read within ZGSZ_UPLOAD_MAX_MB there (Fastify's
  // bodyLimit does not apply to a body passed on as a stream).
  app.addContentTypeParser(XLSX_MIME, (_req, payload, done) => done(null, payload));

  app.get('/api/v1/enterprises', {
    config: { permission: 'enterprises.read' },
    schema: {
      tags: ['enterprises'], summary: '企业档案列表与搜索 (list and search, paginated)', querystring: listQuery,
      response: {
        200: z.object({
          items: z.array(enterpriseSchema),
          total: z.number().describe('符合条件的家数;超过 10,000 时为 10,000,且 totalCapped 为 true'),
          totalCapped: z.boolean(), next: z.string().nullable().describe('下一页的 after;本页不满时为 null'),
          page: z.number(), pageSize: z.number(),
        }),
        ...errorResponses,
      },
    },
  }, async (req) => {
    const { page, pageSize, after, ...filter } = req.query;
    return searchEnterprises(db(), requireActor(req), filter, { page, pageSize, after });
  });

  app.get('/api/v1/enterprises/:id', {
    config: { permission: 'enterprises.read' },
    schema: { tags: ['enterprises'], summary: '一企一档 (one enterprise file)', params: idParams, response: { 200: enterpriseSchema, ...errorResponses } },
  }, async (req) => getEnterprise(db(), requireActor(req), req.params.id));

  app.post('/api/v1/enterprises', {
    config: { permission: 'enterprises.create' },
    schema: { tags: ['enterprises'], summary: '新建企业档案 (create)', body: enterpriseCreateSchema, response: { 201: enterpriseSchema, ...errorResponses } },
  }, async (req, reply) => reply.code(201).send(await createEnterprise(db(), requireActor(req), req.body)));

  app.patch('/api/v1/enterprises/:id', {
    config: { permission: 'enterprises.update' },
    schema: {
      tags: ['enterprises'], summary: '修改企业档案;version 必填,档案已被他人修改时返回 409 及当前版本 (update on the version read; 409 names the current one)',
      params: idParams, body: enterpriseUpdateSchema, response: { 200: enterpriseSchema, ...errorResponses },
    },
  }, async (req) => updateEnterprise(db(), requireActor(req), req.params.id, req.body));

  app.post('/api/v1/enterprises/import', {
    config: { permission: 'enterprises.import' },
    schema: {
      tags: ['enterprises'],
      summary: `导入 .xlsx (Content-Type: ${XLSX_MIME}); 任一行有误则全部不写入,列出前 1000 处错误并给出总数;超出上传限制(大小、解压后大小、行、列、单元格长度、共享字符串)返回 413`,
      querystring: z.object({ dryRun: booleanQuery.default(false) }),
      response: { 200: importReportSchema, 422: importReportSchema, ...errorResponses },
    },
  }, async (req, reply) => {
    if (req.headers['content-type']?.split(';')[0] !== XLSX_MIME) {
      throw invalid('content-type', `请上传 .xlsx 文件,Content-Type 须为 ${XLSX_MIME}`);
    }
    const actor = requireActor(req);
    const limits = uploadLimits(app.ctx.config, 'import');
    const signal = clientSignal(reply);
    const file = await uploadBody(req, reply, XLSX_MIME, limits, signal);
    const report = await importEnterprises(db(), actor, file, { dryRun: req.query.dryRun, limits, signal });
    await reply.code(report.errors.length ? 422 : 200).send(report);
    // Linked onto the audit chain after the answer, in short transactions that other writers
    // (sign-ins included) interleave with; any instance finishes the job if this one stops.
    if (report.committed && !report.dryRun) {
      chainPendingAudit(db()).catch((e: unknown) => req.log.error({ err: e }, 'chaining the import\'s audit entries failed'));
    }
    return reply;
  });

  app.post('/api/v1/enterprises/:id/certification-claims', {
    config: { permission: 'enterprises.certifications.claim' },
    schema: {
      tags: ['enterprises'], summary: '企业提交认定(两化融合、星级上云、示范称号)及证明材料,待所在地区核实 (submit a certification claim)',
      params: idParams, body: certificationClaimSchema, response: { 201: claimSchema, ...errorResponses },
    },
  }, async (req, reply) => reply.code(201).send(await submitCertificationClaim(db(), requireActor(req), req.params.id, req.body)));

  app.post('/api/v1/enterprises/:id/certification-claims/:claimId/review', {
    config: { permission: 'enterprises.certifications.review' },
    schema: {
      tags: ['enterprises'], summary: '所在地区经办人或市工信局核实认定:确认或驳回 (confirm or reject a claim)',
      params: z.object({ id: z.string().max(64), claimId: z.string().max(64) }), body: claimReviewSchema, response: { 200: claimSchema, ...errorResponses },
    },
  }, async (req) => reviewCertificationClaim(db(), requireActor(req), req.params.id, req.params.claimId, req.body));

  app.get('/api/v1/certification-claims', {
    config: { permission: 'enterprises.certifications.review' },
    schema: {
      tags: ['enterprises'], summary: '待核实的认定(本人管辖范围内)(claims awaiting review)',
      response: { 200: z.array(claimSchema.extend({ enterpriseName: z.string(), uscc: z.string(), regionId: z.string() })), ...errorResponses },
    },
  }, async (req) => listCertificationClaims(db(), requireActor(req)));

  app.get('/api/v1/enterprises/export', {
    config: { permission: 'enterprises.export' },
    schema: { tags: ['enterprises'], summary: '导出 .xlsx,与导入格式相同 (export)', querystring: listQuery.omit({ page: true, pageSize: true, after: true }) },
  }, async (req, reply) => {
    const out = new PassThrough();
    reply.header('content-type', XLSX_MIME);
    reply.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent('企业档案.xlsx')}`);
    exportEnterprises(db(), requireActor(req), out, req.query).catch((e: unknown) => out.destroy(e as Error));
    return reply.send(out);
  });
}
