// Diagnoses from request to payment: 申请 → 派单 → 签约 → 进场 → 报告 → 确认验收 → 支付, with the
// supervisor's checkpoints, the documents, quotas and the figures the texts set.
import { z } from 'zod';
import { plainInt } from '../schemas.ts';
import { acceptDiagnosis } from '../../use-cases/diagnoses/accept-diagnosis.ts';
import { cancelDiagnosis } from '../../use-cases/diagnoses/cancel-diagnosis.ts';
import { contractDiagnosis } from '../../use-cases/diagnoses/contract-diagnosis.ts';
import { diagnosisFigures } from '../../use-cases/diagnoses/diagnosis-figures.ts';
import {
  acceptSchema, cancelSchema, checkpointSchema, contractSchema, dispatchSchema, paySchema, quotaSchema, requestSchema, resumeSchema, returnSchema, startSchema,
} from '../../use-cases/diagnoses/diagnosis-input.ts';
import { dispatchCandidates } from '../../use-cases/diagnoses/dispatch-candidates.ts';
import { dispatchDiagnosis } from '../../use-cases/diagnoses/dispatch-diagnosis.ts';
import { downloadDiagnosisDocument } from '../../use-cases/diagnoses/download-document.ts';
import { getDiagnosis, listDiagnoses } from '../../use-cases/diagnoses/list-diagnoses.ts';
import { payDiagnosis } from '../../use-cases/diagnoses/pay-diagnosis.ts';
import { listDiagnosisQuotas, setDiagnosisQuota } from '../../use-cases/diagnoses/quotas.ts';
import { recordCheckpoint, resumePayment } from '../../use-cases/diagnoses/record-checkpoint.ts';
import { requestDiagnosis } from '../../use-cases/diagnoses/request-diagnosis.ts';
import { returnReport } from '../../use-cases/diagnoses/return-report.ts';
import { startDiagnosis } from '../../use-cases/diagnoses/start-diagnosis.ts';
import { submitReport, submitReportSchema } from '../../use-cases/diagnoses/submit-report.ts';
import { DOCUMENT_KINDS, uploadDiagnosisDocument } from '../../use-cases/diagnoses/upload-document.ts';
import { ALLOWED_TYPES_TEXT } from '../../domain/files/allowed-types.ts';
import { invalid } from '../../domain/errors.ts';
import type { Permission } from '../../domain/access/index.ts';
import type { Actor } from '../../domain/actor.ts';
import { requireActor, type RouteApp } from '../context.ts';
import { UPLOAD_TYPES } from './applications.ts';

const tags = ['diagnoses'];
const idParams = z.object({ id: z.string().max(64) });
const city = z.enum(['yangzhou', 'suzhou'], { error: 'city 须为 yangzhou 或 suzhou' });
const year = plainInt('年度须为2020–2100', 2020, 2100);

export async function diagnosisRoutes(app: RouteApp) {
  const db = () => app.ctx.database.db;
  const today = () => app.ctx.today();
  // Documents arrive as the raw file body, bounded by ZGSZ_UPLOAD_MAX_MB (as application evidence).
  for (const type of UPLOAD_TYPES) {
    if (!app.hasContentTypeParser(type)) {
      app.addContentTypeParser(type, { parseAs: 'buffer', bodyLimit: app.ctx.config.uploadMaxBytes }, (_req, body, done) => done(null, body));
    }
  }

  app.get('/api/v1/diagnoses', {
    config: { permission: 'diagnoses.read' },
    schema: {
      tags, summary: '诊断项目(服务商、监理只见本机构承担的)',
      querystring: z.object({
        city: city.optional(), year: year.optional(),
        status: z.enum(['requested', 'dispatched', 'contracted', 'on_site', 'reported', 'accepted', 'paid', 'cancelled'], { error: 'status 取值见文档' }).optional(),
        regionId: z.string().max(40).optional(), enterpriseId: z.string().uuid('enterpriseId 须为 UUID').optional(),
      }),
    },
  }, async (req) => listDiagnoses(db(), requireActor(req), req.query));

  app.post('/api/v1/diagnoses', {
    config: { permission: 'diagnoses.request' },
    schema: { tags, summary: '申请诊断(企业)或为企业安排诊断(经办人)', body: requestSchema },
  }, async (req, reply) => reply.code(201).send(await requestDiagnosis(db(), requireActor(req), req.body, today())));

  app.get('/api/v1/diagnoses/quotas', {
    config: { permission: 'diagnoses.read' },
    schema: { tags, summary: '年度诊断名额及使用(苏州 (五) 市级40家工厂、600家车间;地区可增设)', querystring: z.object({ city: city.optional(), year }) },
  }, async (req) => listDiagnosisQuotas(db(), requireActor(req), req.query, today()));

  app.put('/api/v1/diagnoses/quotas', {
    config: { permission: 'diagnoses.quotas' },
    schema: { tags, summary: '设置名额(市级由市工信局,地区名额由本地区;不得少于已使用)', body: quotaSchema },
  }, async (req) => setDiagnosisQuota(db(), requireActor(req), req.body));

  app.get('/api/v1/diagnoses/figures', {
    config: { permission: 'diagnoses.read' },
    schema: {
      tags, summary: '数字画像计数(附件2 核查内容1)、诊改转化率、顾问咨询与数据采集(苏州 (六)(七))',
      querystring: z.object({ city: city.optional(), year, months: plainInt('months 须为1–36', 1, 36).optional() }),
    },
  }, async (req) => diagnosisFigures(db(), requireActor(req), req.query));

  app.get('/api/v1/diagnoses/:id', {
    config: { permission: 'diagnoses.read' },
    schema: { tags, summary: '诊断详情:材料、监理检查点、资金台账、全部记录', params: idParams },
  }, async (req) => getDiagnosis(db(), requireActor(req), req.params.id));

  app.get('/api/v1/diagnoses/:id/candidates', {
    config: { permission: 'diagnoses.dispatch' },
    schema: { tags, summary: '派单建议:可承担的服务商与监理(按负荷、行业、满意度)', params: idParams },
  }, async (req) => dispatchCandidates(db(), requireActor(req), req.params.id));

  type Handler = (actor: Actor, id: string, body: unknown) => Promise<unknown>;
  const step = (path: string, permission: Permission, summary: string, body: z.ZodType, run: Handler) =>
    app.post(`/api/v1/diagnoses/:id/${path}`, { config: { permission }, schema: { tags, summary, params: idParams, body } },
      async (req) => run(requireActor(req), req.params.id, req.body));

  step('dispatch', 'diagnoses.dispatch', '派单:服务商与监理、期限、理由(名额与服务能力在同一事务中占用)', dispatchSchema, (a, id, b) => dispatchDiagnosis(db(), a, id, b, today()));
  step('contract', 'diagnoses.deliver', '签约:服务费与监理费用(按原文上限或定额)并占用资金;须先上传合作协议与采购合同', contractSchema, (a, id, b) => contractDiagnosis(db(), a, id, b, today()));
  step('start', 'diagnoses.deliver', '进场开展现场诊断', startSchema, (a, id, b) => startDiagnosis(db(), a, id, b, today()));
  step('report', 'diagnoses.deliver', '提交结构化诊断报告(须有现场评测、短板、改造建议与投资估算、报告文件)', submitReportSchema, (a, id, b) => submitReport(db(), a, id, b, today()));
  step('return', 'diagnoses.accept', '企业退回报告(须写明理由)', returnSchema, (a, id, b) => returnReport(db(), a, id, b));
  step('accept', 'diagnoses.accept', '企业确认验收并评价满意度(1–5)', acceptSchema, (a, id, b) => acceptDiagnosis(db(), a, id, b, today()));
  step('checkpoints', 'diagnoses.supervise', '监理检查点:时间、地点、发现;stop 停止支付', checkpointSchema, (a, id, b) => recordCheckpoint(db(), a, id, b, new Date()));
  step('resume-payment', 'diagnoses.supervise', '监理恢复支付(须写明理由)', resumeSchema, (a, id, b) => resumePayment(db(), a, id, b));
  step('payments', 'diagnoses.pay', '支付服务商或监理(验收后,全额,凭证号)', paySchema, (a, id, b) => payDiagnosis(db(), a, id, b, today()));
  step('cancel', 'diagnoses.read', '取消(派单人;企业可撤回未派单的申请),释放名额与资金', cancelSchema, (a, id, b) => cancelDiagnosis(db(), a, id, b));

  app.post('/api/v1/diagnoses/:id/documents', {
    config: { permission: 'diagnoses.upload' },
    schema: {
      tags, summary: `上传材料:请求体为文件本身;kind 为 ${Object.entries(DOCUMENT_KINDS).map(([k, v]) => `${k}(${v})`).join('、')};只接受 ${ALLOWED_TYPES_TEXT}`,
      params: idParams,
      querystring: z.object({ kind: z.string({ error: 'kind 必填' }).max(20), name: z.string({ error: 'name 必填:文件名' }).max(200) }),
    },
  }, async (req, reply) => {
    if (!Buffer.isBuffer(req.body)) throw invalid('file', `请求体须为文件本身,只接受 ${ALLOWED_TYPES_TEXT}`);
    const out = await uploadDiagnosisDocument(db(), requireActor(req), req.params.id, { kind: req.query.kind, fileName: req.query.name, data: req.body }, app.ctx.files);
    return reply.code(201).send(out);
  });

  app.get('/api/v1/diagnoses/:id/documents/:documentId', {
    config: { permission: 'diagnoses.read' },
    schema: { tags, summary: '下载材料', params: z.object({ id: z.string().max(64), documentId: z.string().max(64) }) },
  }, async (req, reply) => {
    const f = await downloadDiagnosisDocument(db(), requireActor(req), req.params.id, req.params.documentId, app.ctx.files);
    reply.header('content-type', f.mime);
    reply.header('content-length', String(f.size));
    reply.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.fileName)}`);
    reply.header('cache-control', 'private, no-store');
    return reply.send(f.stream);
  });
}
