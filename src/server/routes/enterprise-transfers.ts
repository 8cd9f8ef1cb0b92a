// 企业档案划转: an officer asks to move an enterprise filed in another region into theirs; the city
// approves or rejects.
import { z } from 'zod';
import { decideTransfer, transferDecisionSchema } from '../../use-cases/enterprises/decide-transfer.ts';
import { listTransfers } from '../../use-cases/enterprises/list-transfers.ts';
import { requestTransfer, transferRequestSchema } from '../../use-cases/enterprises/request-transfer.ts';
import { requireActor, type RouteApp } from '../context.ts';
import { errorResponses } from '../schemas.ts';

const transferSchema = z.object({
  id: z.string(), enterpriseId: z.string().nullable(), uscc: z.string(), enterpriseName: z.string().nullable(),
  fromRegionId: z.string().nullable(), toRegionId: z.string(), reason: z.string(), status: z.enum(['pending', 'approved', 'rejected']),
  requestedBy: z.string(), requestedAt: z.string(), decidedBy: z.string().nullable(), decidedAt: z.string().nullable(), decisionNote: z.string().nullable(),
}).meta({ id: 'EnterpriseTransfer' });

const tags = ['enterprises'];

export async function enterpriseTransferRoutes(app: RouteApp) {
  const db = () => app.ctx.database.db;

  app.get('/api/v1/enterprise-transfers', {
    config: { permission: 'enterprises.transfers.read' },
    schema: {
      tags, summary: '企业档案划转申请 (transfer requests)',
      querystring: z.object({ status: z.enum(['pending', 'approved', 'rejected'], { error: 'status 须为 pending、approved 或 rejected' }).optional() }),
      response: { 200: z.array(transferSchema), ...errorResponses },
    },
  }, async (req) => listTransfers(db(), requireActor(req), req.query.status));

  app.post('/api/v1/enterprise-transfers', {
    config: { permission: 'enterprises.transfers.request' },
    schema: { tags, summary: '申请把已在其他地区建档的企业划转到本地区 (request a transfer)', body: transferRequestSchema, response: { 201: transferSchema, ...errorResponses } },
  }, async (req, reply) => reply.code(201).send(await requestTransfer(db(), requireActor(req), req.body)));

  app.post('/api/v1/enterprise-transfers/:id/decide', {
    config: { permission: 'enterprises.transfers.decide' },
    schema: {
      tags, summary: '市工信局批准或驳回划转 (approve or reject a transfer)', params: z.object({ id: z.string().max(64) }),
      body: transferDecisionSchema, response: { 200: transferSchema, ...errorResponses },
    },
  }, async (req) => decideTransfer(db(), requireActor(req), req.params.id, req.body));
}
