// The yearly engine facts of an enterprise's file (投资额, 平台, 首台套, 贷款 …) with their evidence:
// read by the enterprise's officers, the city and the enterprise itself; recorded by officers.
import { z } from 'zod';
import { listEnterpriseFacts } from '../../use-cases/enterprise-facts/list-enterprise-facts.ts';
import { recordEnterpriseFact } from '../../use-cases/enterprise-facts/record-enterprise-fact.ts';
import { removeEnterpriseFact } from '../../use-cases/enterprise-facts/delete-enterprise-fact.ts';
import { recordFactSchema } from '../../use-cases/enterprise-facts/enterprise-facts-input.ts';
import { requireActor, type RouteApp } from '../context.ts';
import { errorResponses, plainInt } from '../schemas.ts';

const tags = ['enterprises'];
const factSchema = z.object({
  id: z.string(), enterpriseId: z.string(), year: z.number().int(), fact: z.string(), label: z.string(), type: z.string(),
  value: z.unknown().describe('存储形式:金额为分'), display: z.string(), evidence: z.string(), evidenceFile: z.string().nullable(),
  recordedByName: z.string(), recordedAt: z.string(), version: z.number().int(),
}).meta({ id: 'EnterpriseFact' });
const params = z.object({ id: z.string().max(64) });

export async function enterpriseFactRoutes(app: RouteApp) {
  const db = () => app.ctx.database.db;

  app.get('/api/v1/enterprises/:id/facts', {
    config: { permission: 'enterprises.read' },
    schema: { tags, summary: '企业档案的年度事实及依据 (yearly facts of the file)', params, response: { 200: z.array(factSchema), ...errorResponses } },
  }, async (req) => listEnterpriseFacts(db(), requireActor(req), req.params.id));

  app.put('/api/v1/enterprises/:id/facts', {
    config: { permission: 'enterprises.facts.record' },
    schema: {
      tags, summary: '记录或修改一项年度事实(按事实字典校验;金额以元输入,以分存储) (record a fact)', params, body: recordFactSchema,
      response: { 200: factSchema, ...errorResponses },
    },
  }, async (req) => recordEnterpriseFact(db(), requireActor(req), req.params.id, req.body));

  app.delete('/api/v1/enterprises/:id/facts/:factId', {
    config: { permission: 'enterprises.facts.record' },
    schema: {
      tags, summary: '撤回一项年度事实 (withdraw a fact)', params: params.extend({ factId: z.string().max(64) }),
      querystring: z.object({ version: plainInt('version 须为正整数', 1, 1_000_000_000) }).strict(),
      response: { 200: z.object({ deleted: z.boolean() }), ...errorResponses },
    },
  }, async (req) => removeEnterpriseFact(db(), requireActor(req), req.params.id, req.params.factId, req.query.version));
}
