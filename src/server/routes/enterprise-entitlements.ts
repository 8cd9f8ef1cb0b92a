// 可享政策 of one enterprise from its own file (GET /enterprises/:id/entitlements): the enterprise's
// home page reads it, an officer may read it for a file in their scope.
import { z } from 'zod';
import { findEntitlements } from '../../use-cases/enterprises/find-entitlements.ts';
import { requireActor, type RouteApp } from '../context.ts';
import { errorResponses } from '../schemas.ts';

const validitySchema = z.object({
  from: z.string(), to: z.string(), status: z.enum(['in_force', 'not_yet_in_force', 'expired']), message: z.string(), clause: z.string(),
  daysLeft: z.number().optional(),
});

const failureSchema = z.object({ fact: z.string(), actual: z.string(), requirement: z.string(), message: z.string(), clause: z.string() });

const findingSchema = z.object({
  id: z.string(), title: z.string(), clause: z.string(), quote: z.string(), topic: z.string().nullable(),
  status: z.enum(['eligible', 'near', 'not_met', 'not_applicable']).describe('eligible 档案已满足;near 档案所载条件均满足,尚需 missing 所列条件;not_met 档案所载条件未满足;not_applicable 不适用(主体类型不符或同组已享其一)'),
  amount: z.object({ min: z.number().describe('分'), max: z.number().nullable().describe('分;null 为文本未设上限') }),
  amountText: z.string(), payer: z.string(), payerLabel: z.string(),
  failures: z.array(failureSchema).describe('档案所载事实未满足的条件(实际值与要求)'),
  missing: z.array(z.object({ fact: z.string(), label: z.string(), condition: z.string() })).describe('档案未载明、需企业提供的条件'),
  conclusion: z.string(), reading: z.string().nullable(),
  claim: z.enum(['application', 'diagnosis']).describe('application: 在线申报;diagnosis: 经诊断服务(政府采购)兑现'),
  evidence: z.array(z.object({ id: z.string(), label: z.string(), basis: z.string() })).describe('申报材料清单'),
});

const entitlementsSchema = z.object({
  enterprise: z.object({ id: z.string(), name: z.string(), uscc: z.string(), regionId: z.string(), legalForm: z.enum(['independent', 'branch']) }),
  date: z.string(), year: z.number(),
  factsFromFile: z.array(z.string()),
  pendingClaims: z.number(),
  policies: z.array(z.object({
    policyId: z.string(), shortTitle: z.string(), title: z.string(), number: z.string().nullable(), city: z.string(), validity: validitySchema,
    facts: z.record(z.string(), z.unknown()).describe('档案所载事实(政策计算器的输入格式)'),
    measures: z.array(findingSchema),
  })),
  otherPolicies: z.array(z.object({ policyId: z.string(), shortTitle: z.string(), number: z.string().nullable(), validity: validitySchema })),
}).meta({ id: 'EnterpriseEntitlements' });

export async function enterpriseEntitlementRoutes(app: RouteApp) {
  app.get('/api/v1/enterprises/:id/entitlements', {
    config: { permission: 'enterprises.read' },
    schema: {
      tags: ['enterprises'],
      summary: '可享政策:按企业档案(法人形式、已确认的认定)在业务日期测算本市有效政策的各项措施 (entitlements from the enterprise file)',
      params: z.object({ id: z.string().max(64) }),
      response: { 200: entitlementsSchema, ...errorResponses },
    },
  }, async (req) => findEntitlements(app.ctx.database.db, requireActor(req), req.params.id, app.ctx.today()));
}
