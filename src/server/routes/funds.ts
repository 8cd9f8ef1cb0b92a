// Funds per year and level, the ledger, 拨付 / 追回 and 验收, reports and the payments workbook.
import { z } from 'zod';
import { recordAcceptance } from '../../use-cases/funds/record-acceptance.ts';
import { createFund } from '../../use-cases/funds/create-fund.ts';
import { disburse } from '../../use-cases/funds/disburse.ts';
import { acceptanceSchema, createFundSchema, disburseSchema, reclaimSchema, updateFundSchema } from '../../use-cases/funds/fund-input.ts';
import { getFund, listFunds } from '../../use-cases/funds/list-funds.ts';
import { reclaim } from '../../use-cases/funds/reclaim.ts';
import { applicationsReport, paymentsExport } from '../../use-cases/funds/reports.ts';
import { updateFund } from '../../use-cases/funds/update-fund.ts';
import { requireActor, type RouteApp } from '../context.ts';
import { errorResponses, plainInt } from '../schemas.ts';
import { applicationSchema } from './applications.ts';
import { XLSX_MIME } from './enterprises.ts';

const tags = ['funds'];

export const fundSchema = z.object({
  id: z.string(), city: z.string(), year: z.number(), level: z.enum(['city', 'county']), regionId: z.string().nullable(), name: z.string(),
  budgetFen: z.number(), committedFen: z.number(), disbursedFen: z.number(), remainingFen: z.number(), measures: z.array(z.string()),
  floorFen: z.number().nullable(), floorClause: z.string().nullable(), floorWarning: z.string().nullable(), version: z.number(),
}).meta({ id: 'Fund' });

const filterQuery = z.object({
  city: z.enum(['yangzhou', 'suzhou'], { error: 'city 须为 yangzhou 或 suzhou' }).optional(),
  year: plainInt('年度须为2000–2100', 2000, 2100).optional(),
});
const idParams = z.object({ id: z.string().max(64) });

export async function fundRoutes(app: RouteApp) {
  const db = () => app.ctx.database.db;
  const today = () => app.ctx.today();

  app.get('/api/v1/funds', {
    config: { permission: 'funds.read' },
    schema: { tags, summary: '年度资金(预算、已承诺、已拨付、剩余;低于原文规模的标注)', querystring: filterQuery, response: { 200: z.array(fundSchema), ...errorResponses } },
  }, async (req) => listFunds(db(), requireActor(req), req.query));

  app.post('/api/v1/funds', {
    config: { permission: 'funds.manage' },
    schema: { tags, summary: '设立年度资金(市级或县级)', body: createFundSchema, response: { 201: fundSchema, ...errorResponses } },
  }, async (req, reply) => reply.code(201).send(await createFund(db(), requireActor(req), req.body)));

  app.get('/api/v1/funds/:id', {
    config: { permission: 'funds.read' },
    schema: { tags, summary: '资金及其台账(每一笔承诺、释放、拨付、追回)', params: idParams },
  }, async (req) => getFund(db(), requireActor(req), req.params.id));

  app.patch('/api/v1/funds/:id', {
    config: { permission: 'funds.manage' },
    schema: { tags, summary: '调整预算 (version 必填;不得低于已承诺)', params: idParams, body: updateFundSchema, response: { 200: fundSchema, ...errorResponses } },
  }, async (req) => updateFund(db(), requireActor(req), req.params.id, req.body));

  app.post('/api/v1/applications/:id/disbursements', {
    config: { permission: 'funds.disburse' },
    schema: {
      tags, summary: '拨付:日期与凭证号;事后奖补,验收前只能拨付批准的启动资金', params: idParams, body: disburseSchema,
      response: { 200: z.object({ application: applicationSchema, assessment: z.object({ counted: z.boolean(), note: z.string().nullable() }) }), ...errorResponses },
    },
  }, async (req) => disburse(db(), requireActor(req), req.params.id, req.body, today()));

  app.post('/api/v1/applications/:id/reclaims', {
    config: { permission: 'funds.disburse' },
    schema: { tags, summary: '追回(验收不通过)', params: idParams, body: reclaimSchema, response: { 200: applicationSchema, ...errorResponses } },
  }, async (req) => reclaim(db(), requireActor(req), req.params.id, req.body, today()));

  app.post('/api/v1/applications/:id/acceptance', {
    config: { permission: 'applications.accept' },
    schema: { tags, summary: '验收:通过或不通过(须先上传验收材料);不通过时释放未拨付的承诺', params: idParams, body: acceptanceSchema, response: { 200: applicationSchema, ...errorResponses } },
  }, async (req) => recordAcceptance(db(), requireActor(req), req.params.id, req.body, today()));

  app.get('/api/v1/reports/applications', {
    config: { permission: 'funds.read' },
    schema: { tags, summary: '申请按状态、措施、地区、月份统计,及资金使用', querystring: filterQuery },
  }, async (req) => applicationsReport(db(), requireActor(req), req.query));

  app.get('/api/v1/reports/payments.xlsx', {
    config: { permission: 'funds.read' },
    schema: { tags, summary: '资金拨付台账 .xlsx(每笔拨付或追回一行,含凭证号)', querystring: filterQuery },
  }, async (req, reply) => {
    const buf = await paymentsExport(db(), requireActor(req), req.query);
    reply.header('content-type', XLSX_MIME);
    reply.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent('资金拨付台账.xlsx')}`);
    return reply.send(buf);
  });
}
