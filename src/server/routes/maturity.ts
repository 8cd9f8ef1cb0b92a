// The digital-maturity instruments and results: the 2024 questionnaire (data and print form),
// self-assessments and on-site ones, older results, and an enterprise's 数字档案.
import { z } from 'zod';
import { invalid } from '../../domain/errors.ts';
import { getInstrument, isInstrumentId } from '../../io/instruments.ts';
import { questionnaireHtml } from '../../reports/maturity/questionnaire.ts';
import { digitalProfile } from '../../use-cases/maturity/digital-profile.ts';
import { legacySchema, recordLegacyMaturity } from '../../use-cases/maturity/record-legacy.ts';
import { createMaturity, createMaturitySchema, submitMaturity, updateMaturityDraft, updateMaturitySchema } from '../../use-cases/maturity/save-maturity.ts';
import { requireActor, type RouteApp } from '../context.ts';
import { UPLOAD_TYPES } from './applications.ts';
import { ALLOWED_TYPES_TEXT } from '../../domain/files/allowed-types.ts';
import { downloadMaturityEvidence, getMaturity, uploadMaturityEvidence } from '../../use-cases/maturity/maturity-evidence.ts';

const tags = ['maturity'];
const idParams = z.object({ id: z.string().max(64) });

export async function maturityRoutes(app: RouteApp) {
  const db = () => app.ctx.database.db;
  const today = () => app.ctx.today();
  for (const type of UPLOAD_TYPES) {
    if (!app.hasContentTypeParser(type)) {
      app.addContentTypeParser(type, { parseAs: 'buffer', bodyLimit: app.ctx.config.uploadMaxBytes }, (_req, body, done) => done(null, body));
    }
  }

  app.get('/api/v1/maturity/instruments/:id', {
    config: { permission: 'session' },
    schema: { tags, summary: '评测工具(miit-sme-2024、miit-sme-2022、gbt39116-2020):题目、选项、分值、场景、等级规则及其可信度', params: idParams },
  }, async (req) => {
    if (!isInstrumentId(req.params.id)) throw invalid('id', '评测工具须为 miit-sme-2024、miit-sme-2022 或 gbt39116-2020');
    return getInstrument(req.params.id);
  });

  app.get('/api/v1/maturity/instruments/miit-sme-2024/print', {
    config: { permission: 'session' },
    schema: { tags, summary: '2024年版评测问卷(打印版 HTML)' },
  }, async (_req, reply) => reply.type('text/html; charset=utf-8').send(questionnaireHtml(getInstrument('miit-sme-2024'))));

  app.post('/api/v1/maturity', {
    config: { permission: 'maturity.assess' },
    schema: { tags, summary: '新建评测(企业自评或诊断现场评测),可保存草稿', body: createMaturitySchema },
  }, async (req, reply) => reply.code(201).send(await createMaturity(db(), requireActor(req), req.body)));

  app.post('/api/v1/maturity/legacy', {
    config: { permission: 'maturity.record' },
    schema: { tags, summary: '录入历史结果:2022年版总分与等级,或 CMMM 等级与各能力域得分', body: legacySchema },
  }, async (req, reply) => reply.code(201).send(await recordLegacyMaturity(db(), requireActor(req), req.body, today())));

  app.get('/api/v1/maturity/:id', {
    config: { permission: 'maturity.read' },
    schema: { tags, summary: '评测结果(含答卷与得分明细)', params: idParams },
  }, async (req) => getMaturity(db(), requireActor(req), req.params.id));

  app.put('/api/v1/maturity/:id', {
    config: { permission: 'maturity.assess' },
    schema: { tags, summary: '保存草稿答卷(选项须为评测工具中的选项)', params: idParams, body: updateMaturitySchema },
  }, async (req) => updateMaturityDraft(db(), requireActor(req), req.params.id, req.body));

  app.post('/api/v1/maturity/:id/submit', {
    config: { permission: 'maturity.assess' },
    schema: { tags, summary: '提交评测(须答完全部题目并评定全部场景)', params: idParams, body: z.object({ version: z.number() }) },
  }, async (req) => submitMaturity(db(), requireActor(req), req.params.id, req.body, today()));

  app.post('/api/v1/maturity/:id/evidence', {
    config: { permission: 'maturity.assess' },
    schema: {
      tags, summary: `上传支撑材料(草稿时):请求体为文件本身;item 为题目或场景编号;只接受 ${ALLOWED_TYPES_TEXT}`, params: idParams,
      querystring: z.object({ item: z.string({ error: 'item 必填:题目或场景编号' }).max(60), name: z.string({ error: 'name 必填:文件名' }).max(200) }),
    },
  }, async (req, reply) => {
    if (!Buffer.isBuffer(req.body)) throw invalid('file', `请求体须为文件本身,只接受 ${ALLOWED_TYPES_TEXT}`);
    return reply.code(201).send(await uploadMaturityEvidence(db(), requireActor(req), req.params.id, { itemId: req.query.item, fileName: req.query.name, data: req.body }, app.ctx.files));
  });

  app.get('/api/v1/maturity/:id/evidence/:evidenceId', {
    config: { permission: 'maturity.read' },
    schema: { tags, summary: '下载支撑材料', params: z.object({ id: z.string().max(64), evidenceId: z.string().max(64) }) },
  }, async (req, reply) => {
    const f = await downloadMaturityEvidence(db(), requireActor(req), req.params.id, req.params.evidenceId, app.ctx.files);
    reply.header('content-type', f.mime);
    reply.header('content-length', String(f.size));
    reply.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.fileName)}`);
    reply.header('cache-control', 'private, no-store');
    return reply.send(f.stream);
  });

  app.get('/api/v1/enterprises/:id/digital-profile', {
    config: { permission: 'maturity.read' },
    schema: { tags, summary: '企业数字档案:评测结果随时间变化、自评与现场评测对照、诊断与改造建议', params: idParams },
  }, async (req) => digitalProfile(db(), requireActor(req), req.params.id));
}
