// The provider pool: service organisations (诊断服务商, 第三方监理), their admission on the workflow
// kernel (申报 → 属地初审 → 专家评审 → 公示 → 入库), objections, sanctions, appeals, yearly review,
// scorecards and the services they record.
import { z } from 'zod';
import { plainInt } from '../schemas.ts';
import { admissionStep } from '../../use-cases/providers/admission-step.ts';
import { decideAppeal, fileAppeal } from '../../use-cases/providers/appeal-org.ts';
import { getOrg, listOrgs } from '../../use-cases/providers/list-orgs.ts';
import { recordOrgObjection, resolveOrgObjectionCase } from '../../use-cases/providers/org-objections.ts';
import {
  appealSchema, decideAppealSchema, orgObjectionSchema, orgStepSchema, registerOrgSchema, resolveObjectionSchema, sanctionSchema, updateOrgSchema, yearlyReviewSchema,
} from '../../use-cases/providers/org-input.ts';
import { registerOrg } from '../../use-cases/providers/register-org.ts';
import { yearlyReview } from '../../use-cases/providers/review-org.ts';
import { sanctionOrg } from '../../use-cases/providers/sanction-org.ts';
import { updateOrg } from '../../use-cases/providers/update-org.ts';
import { providerScorecards } from '../../use-cases/diagnoses/diagnosis-figures.ts';
import { recordService } from '../../use-cases/diagnoses/record-service.ts';
import { serviceSchema } from '../../use-cases/diagnoses/diagnosis-input.ts';
import { requireActor, type RouteApp } from '../context.ts';

const tags = ['providers'];
const idParams = z.object({ id: z.string().max(64) });
const cityQuery = z.object({
  city: z.enum(['yangzhou', 'suzhou'], { error: 'city 须为 yangzhou 或 suzhou' }).optional(),
  kind: z.enum(['provider', 'supervisor'], { error: 'kind 须为 provider 或 supervisor' }).optional(),
  status: z.enum(['draft', 'in_review', 'in_publicity', 'returned', 'approved', 'rejected'], { error: 'status 须为 draft、in_review、in_publicity、returned、approved 或 rejected' }).optional(),
});
const yearQuery = z.object({
  city: z.enum(['yangzhou', 'suzhou'], { error: 'city 须为 yangzhou 或 suzhou' }).optional(),
  year: plainInt('年度须为2020–2100', 2020, 2100).optional(),
  months: plainInt('months 须为1–36的整数', 1, 36).optional(),
});

export async function providerRoutes(app: RouteApp) {
  const db = () => app.ctx.database.db;
  const today = () => app.ctx.today();

  app.get('/api/v1/providers', {
    config: { permission: 'providers.read' },
    schema: { tags, summary: '服务商资源池与第三方监理机构(企业可见在库机构)', querystring: cityQuery },
  }, async (req) => listOrgs(db(), requireActor(req), req.query));

  app.post('/api/v1/providers', {
    config: { permission: 'providers.apply' },
    schema: { tags, summary: '登记机构(市工信局或其所在地区经办人;统一社会信用代码须有效)', body: registerOrgSchema },
  }, async (req, reply) => reply.code(201).send(await registerOrg(db(), requireActor(req), req.body)));

  app.get('/api/v1/providers/scorecards', {
    config: { permission: 'providers.read' },
    schema: { tags, summary: '服务商评价:按期完成、监理发现、企业满意度、诊改转化率及建议(由经办人确认)', querystring: yearQuery },
  }, async (req) => providerScorecards(db(), requireActor(req), req.query));

  app.post('/api/v1/providers/services', {
    config: { permission: 'providers.services' },
    schema: { tags, summary: '记录顾问咨询或数据采集服务(苏州 (六)(七))', body: serviceSchema },
  }, async (req, reply) => reply.code(201).send(await recordService(db(), requireActor(req), req.body, today())));

  app.get('/api/v1/providers/:id', {
    config: { permission: 'providers.read' },
    schema: { tags, summary: '机构详情、入库进度、异议与全部记录', params: idParams },
  }, async (req) => getOrg(db(), requireActor(req), req.params.id));

  app.patch('/api/v1/providers/:id', {
    config: { permission: 'providers.apply' },
    schema: { tags, summary: '修改机构信息(草稿或退回时;version 必填)', params: idParams, body: updateOrgSchema },
  }, async (req) => updateOrg(db(), requireActor(req), req.params.id, req.body));

  app.post('/api/v1/providers/:id/steps', {
    config: { permission: 'providers.read' },
    schema: { tags, summary: '入库流程:submit 提交、approve 通过(属地初审/专家评审/入库)、return 退回、reject 不予入库、withdraw 撤回、publicity 发布公示', params: idParams, body: orgStepSchema },
  }, async (req) => admissionStep(db(), requireActor(req), req.params.id, req.body, today()));

  app.post('/api/v1/providers/:id/objections', {
    config: { permission: 'providers.manage' },
    schema: { tags, summary: '登记公示期间的实名异议(未处理的异议阻止入库)', params: idParams, body: orgObjectionSchema },
  }, async (req, reply) => reply.code(201).send(await recordOrgObjection(db(), requireActor(req), req.params.id, req.body, today())));

  app.post('/api/v1/providers/:id/objections/:objectionId/resolve', {
    config: { permission: 'providers.manage' },
    schema: { tags, summary: '处理异议', params: z.object({ id: z.string().max(64), objectionId: z.string().max(64) }), body: resolveObjectionSchema },
  }, async (req) => resolveOrgObjectionCase(db(), requireActor(req), req.params.id, req.params.objectionId, req.body));

  app.post('/api/v1/providers/:id/sanctions', {
    config: { permission: 'providers.manage' },
    schema: { tags, summary: '警告、限期整改、暂停、取消资格或恢复(须写明理由)', params: idParams, body: sanctionSchema },
  }, async (req) => sanctionOrg(db(), requireActor(req), req.params.id, req.body, today()));

  app.post('/api/v1/providers/:id/appeal', {
    config: { permission: 'providers.appeal' },
    schema: { tags, summary: '机构对处理提出申诉', params: idParams, body: appealSchema },
  }, async (req) => fileAppeal(db(), requireActor(req), req.params.id, req.body, today()));

  app.post('/api/v1/providers/:id/appeal/decision', {
    config: { permission: 'providers.manage' },
    schema: { tags, summary: '处理申诉(成立则恢复正常)', params: idParams, body: decideAppealSchema },
  }, async (req) => decideAppeal(db(), requireActor(req), req.params.id, req.body));

  app.post('/api/v1/providers/:id/yearly-review', {
    config: { permission: 'providers.manage' },
    schema: { tags, summary: '年度复核(不通过则暂停派单)', params: idParams, body: yearlyReviewSchema },
  }, async (req) => yearlyReview(db(), requireActor(req), req.params.id, req.body, today()));
}
