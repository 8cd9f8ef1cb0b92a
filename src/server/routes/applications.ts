// 申报 → 审核 → 公示 → 批准: applications, their evidence and each workflow step. Which step a
// reviewer may act on is decided by the application's review chain (domain/workflow/kernel.ts).
import { z } from 'zod';
import { ALLOWED_TYPES_TEXT } from '../../domain/files/allowed-types.ts';
import { invalid } from '../../domain/errors.ts';
import {
  approveSchema, createApplicationSchema, evidenceReviewSchema, handoverSchema, rejectSchema, returnSchema, updateApplicationSchema, versionOnlySchema,
} from '../../use-cases/applications/application-input.ts';
import { applicationForm } from '../../use-cases/applications/application-form.ts';
import { approveApplication } from '../../use-cases/applications/approve-application.ts';
import { createApplication } from '../../use-cases/applications/create-application.ts';
import { downloadEvidence } from '../../use-cases/applications/download-evidence.ts';
import { getApplication } from '../../use-cases/applications/get-application.ts';
import { handOverApplication } from '../../use-cases/applications/hand-over-application.ts';
import { listApplications } from '../../use-cases/applications/list-applications.ts';
import { rejectApplication } from '../../use-cases/applications/reject-application.ts';
import { removeEvidence } from '../../use-cases/applications/remove-evidence.ts';
import { returnApplication } from '../../use-cases/applications/return-application.ts';
import { reviewEvidence } from '../../use-cases/applications/review-evidence.ts';
import { listReviewChains, setChainSchema, setReviewChain } from '../../use-cases/applications/set-review-chain.ts';
import { submitApplication } from '../../use-cases/applications/submit-application.ts';
import { updateApplicationFacts } from '../../use-cases/applications/update-application.ts';
import { uploadEvidence } from '../../use-cases/applications/upload-evidence.ts';
import { withdrawApplication } from '../../use-cases/applications/withdraw-application.ts';
import { requireActor, type RouteApp } from '../context.ts';
import { errorResponses, pageQuery, plainInt } from '../schemas.ts';

const tags = ['applications'];
const STATUSES = ['draft', 'in_review', 'in_publicity', 'returned', 'approved', 'rejected'] as const;

export const applicationSchema = z.object({
  id: z.string(), number: z.string(), enterpriseId: z.string(), enterpriseName: z.string().nullable(), uscc: z.string().nullable(),
  regionId: z.string(), city: z.string(), policyId: z.string(), measureId: z.string(), measureTitle: z.string(), clause: z.string(),
  year: z.number(), status: z.enum(STATUSES),
  currentStep: z.object({ index: z.number(), id: z.string(), name: z.string(), kind: z.string(), role: z.string() }).nullable(),
  eligible: z.boolean(), minFen: z.number(), maxFen: z.number().nullable(), amountText: z.string(), payer: z.enum(['city', 'county', 'shared']),
  approvedFen: z.number().nullable(), cityPartFen: z.number().nullable(), countyPartFen: z.number().nullable(), advanceFen: z.number(),
  disbursedFen: z.number(), reclaimedFen: z.number(), acceptance: z.enum(['none', 'passed', 'failed']), acceptanceNote: z.string().nullable(),
  acceptedOn: z.string().nullable(), evaluatedOn: z.string(), submittedAt: z.string().nullable(), submittedOn: z.string().nullable().describe('提交时的业务日期 (business date of the last submission)'), decidedAt: z.string().nullable(),
  version: z.number(), createdAt: z.string(), updatedAt: z.string(),
}).meta({ id: 'Application' });

const idParams = z.object({ id: z.string().max(64) });
export const UPLOAD_TYPES = [
  'application/octet-stream', 'application/pdf', 'image/png', 'image/jpeg', 'image/webp', 'application/msword', 'application/vnd.ms-excel',
  'application/vnd.ms-powerpoint', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
];

export async function applicationRoutes(app: RouteApp) {
  const db = () => app.ctx.database.db;
  const today = () => app.ctx.today();

  // Evidence arrives as the raw file body (its type is recognised from the bytes, not this header),
  // bounded by ZGSZ_UPLOAD_MAX_MB.
  for (const type of UPLOAD_TYPES) {
    if (!app.hasContentTypeParser(type)) {
      app.addContentTypeParser(type, { parseAs: 'buffer', bodyLimit: app.ctx.config.uploadMaxBytes }, (_req, body, done) => done(null, body));
    }
  }

  app.get('/api/v1/applications', {
    config: { permission: 'applications.read' },
    schema: {
      tags, summary: '申请列表;todo=true 为待我办理 (applications; todo: waiting on my role)',
      querystring: z.object({
        status: z.string().max(100).optional().transform((s, ctx) => {
          if (!s) return undefined;
          const list = s.split(',');
          const bad = list.find((x) => !(STATUSES as readonly string[]).includes(x));
          if (bad) { ctx.addIssue({ code: 'custom', message: `status 须为 ${STATUSES.join('、')}(可用逗号分隔多个)` }); return z.NEVER; }
          return list;
        }),
        policyId: z.string().max(50).optional(), measureId: z.string().max(80).optional(), regionId: z.string().max(40).optional(),
        enterpriseId: z.uuid('enterpriseId 须为企业编号(UUID)').optional(),
        year: plainInt('year 须为2000–2100的年度', 2000, 2100).optional(), q: z.string().trim().max(100).optional(),
        todo: z.enum(['true', 'false']).optional().transform((v) => v === 'true'),
        ...pageQuery,
      }),
      response: { 200: z.object({ items: z.array(applicationSchema), total: z.number(), page: z.number(), pageSize: z.number() }), ...errorResponses },
    },
  }, async (req) => {
    const { page, pageSize, ...query } = req.query;
    return listApplications(db(), requireActor(req), query, page, pageSize);
  });

  app.post('/api/v1/applications', {
    config: { permission: 'applications.apply' },
    schema: { tags, summary: '填报申请(草稿):措施、企业与申报数据;引擎测算金额并保存 (open a draft)', body: createApplicationSchema, response: { 201: applicationSchema, ...errorResponses } },
  }, async (req, reply) => reply.code(201).send(await createApplication(db(), requireActor(req), req.body, today())));

  app.get('/api/v1/applications/:id', {
    config: { permission: 'applications.read' },
    schema: { tags, summary: '申请详情:测算说明、材料与查重、审核链与历史、公示、资金、可办理的操作', params: idParams },
  }, async (req) => getApplication(db(), requireActor(req), req.params.id));

  app.patch('/api/v1/applications/:id', {
    config: { permission: 'applications.apply' },
    schema: { tags, summary: '修改草稿或退回的申请的申报数据 (version 必填)', params: idParams, body: updateApplicationSchema, response: { 200: applicationSchema, ...errorResponses } },
  }, async (req) => updateApplicationFacts(db(), requireActor(req), req.params.id, req.body, today()));

  const step = <S extends z.ZodType>(path: string, permission: 'applications.apply' | 'applications.review', summary: string, body: S, run: (id: string, body: z.output<S>, actor: ReturnType<typeof requireActor>) => Promise<z.infer<typeof applicationSchema>>) =>
    app.post(`/api/v1/applications/:id/${path}`, {
      config: { permission },
      schema: { tags, summary, params: idParams, body, response: { 200: applicationSchema, ...errorResponses } },
    }, async (req) => run(req.params.id, req.body as z.output<S>, requireActor(req)));

  step('submit', 'applications.apply', '提交:政策须在有效期内、符合条件、材料齐全', versionOnlySchema, (id, b, a) => submitApplication(db(), a, id, b, today()));
  step('approve', 'applications.review', '审核通过;批准步骤须核定金额(不超过测算上限、企业年度上限和资金余额)', approveSchema, (id, b, a) => approveApplication(db(), a, id, b));
  step('return', 'applications.review', '退回申请人 / 驳回上一节点 / 退回指定节点(须写明理由)', returnSchema, (id, b, a) => returnApplication(db(), a, id, b));
  step('reject', 'applications.review', '不予支持(须写明理由)', rejectSchema, (id, b, a) => rejectApplication(db(), a, id, b));
  step('handover', 'applications.review', '转办给同角色同地区的人员(须写明理由)', handoverSchema, (id, b, a) => handOverApplication(db(), a, id, b));
  app.post('/api/v1/applications/:id/withdraw', {
    config: { permission: 'applications.read' },
    schema: { tags, summary: '撤回:申请人在初审前撤回申请,审核人在下一环节办理前撤回本人意见', params: idParams, body: versionOnlySchema, response: { 200: applicationSchema, ...errorResponses } },
  }, async (req) => withdrawApplication(db(), requireActor(req), req.params.id, req.body));

  app.post('/api/v1/applications/:id/evidence', {
    config: { permission: 'files.upload' },
    schema: {
      tags, summary: `上传证明材料:请求体为文件本身;按内容识别类型,只接受 ${ALLOWED_TYPES_TEXT}`,
      params: idParams,
      querystring: z.object({
        item: z.string({ error: 'item 必填:材料清单中的编号' }).max(40),
        name: z.string({ error: 'name 必填:文件名' }).max(200),
        stage: z.enum(['application', 'acceptance'], { error: 'stage 须为 application(申报)或 acceptance(验收)' }).default('application'),
      }),
    },
  }, async (req, reply) => {
    if (!Buffer.isBuffer(req.body)) throw invalid('file', `请求体须为文件本身(Content-Type 如 application/pdf 或 application/octet-stream),只接受 ${ALLOWED_TYPES_TEXT}`);
    const out = await uploadEvidence(db(), requireActor(req), req.params.id, { itemId: req.query.item, fileName: req.query.name, stage: req.query.stage, data: req.body }, app.ctx.files);
    return reply.code(201).send(out);
  });

  app.delete('/api/v1/applications/:id/evidence/:evidenceId', {
    config: { permission: 'files.upload' },
    schema: { tags, summary: '撤下误传的材料(草稿或退回时)', params: z.object({ id: z.string().max(64), evidenceId: z.string().max(64) }), response: { 204: z.null(), ...errorResponses } },
  }, async (req, reply) => {
    await removeEvidence(db(), requireActor(req), req.params.id, req.params.evidenceId);
    return reply.code(204).send(null);
  });

  app.post('/api/v1/applications/:id/evidence/:evidenceId/review', {
    config: { permission: 'applications.review' },
    schema: { tags, summary: '逐项核查材料:通过或需补正(须写明补正内容)', params: z.object({ id: z.string().max(64), evidenceId: z.string().max(64) }), body: evidenceReviewSchema },
  }, async (req) => reviewEvidence(db(), requireActor(req), req.params.id, req.params.evidenceId, req.body));

  app.get('/api/v1/applications/:id/evidence/:evidenceId/file', {
    config: { permission: 'files.read' },
    schema: { tags, summary: '下载材料(作为附件)', params: z.object({ id: z.string().max(64), evidenceId: z.string().max(64) }) },
  }, async (req, reply) => {
    const f = await downloadEvidence(db(), requireActor(req), req.params.id, req.params.evidenceId, app.ctx.files);
    reply.header('content-type', f.mime);
    reply.header('content-length', String(f.size));
    reply.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.fileName)}`);
    reply.header('cache-control', 'private, no-store');
    return reply.send(f.stream);
  });

  app.get('/api/v1/application-forms/:policyId/:measureId', {
    config: { permission: 'applications.read' },
    schema: { tags, summary: '某项措施的申报表:需填写的事实(标注由企业档案确定的项)、材料清单、验收材料、审核链', params: z.object({ policyId: z.string().max(50), measureId: z.string().max(80) }) },
  }, async (req) => applicationForm(db(), requireActor(req), req.params.policyId, req.params.measureId, today()));

  app.get('/api/v1/review-chains', {
    config: { permission: 'applications.read' },
    schema: { tags, summary: '审核链(按政策、措施、年度的各版本)', querystring: z.object({ policyId: z.string().max(50).optional() }) },
  }, async (req) => listReviewChains(db(), requireActor(req), req.query.policyId));

  app.post('/api/v1/review-chains', {
    config: { permission: 'applications.chains' },
    schema: { tags, summary: '设定审核链新版本;已开始的申请仍按原版本办理', body: setChainSchema },
  }, async (req, reply) => reply.code(201).send(await setReviewChain(db(), requireActor(req), req.body)));
}
