// 核查程序 API: the year's sign-off state, submission by the city and 审定 or return by 考核办.
import { z } from 'zod';
import { approveAssessment, returnAssessment } from '../../use-cases/assessment/decide-assessment.ts';
import { getSignOff } from '../../use-cases/assessment/sign-off-state.ts';
import { submitAssessment } from '../../use-cases/assessment/submit-assessment.ts';
import { requireActor, type RouteApp } from '../context.ts';
import { errorResponses } from '../schemas.ts';
import { yearParams } from './assessment.ts';


const signOffSchema = z.object({
  year: z.number(),
  status: z.enum(['open', 'submitted', 'approved', 'returned']),
  statusName: z.string(),
  snapshotHash: z.string().nullable(),
  submittedBy: z.string().nullable(),
  submittedAt: z.string().nullable(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  returnReason: z.string().nullable(),
  ranking: z.array(z.record(z.string(), z.unknown())).nullable(),
}).meta({ id: 'AssessmentSignOff' });

const tags = ['assessment'];

export async function assessmentSignOffRoutes(app: RouteApp) {
  const db = () => app.ctx.database.db;

  app.get('/api/v1/assessment/:year/sign-off', {
    config: { permission: 'assessment.read' },
    schema: { tags, summary: '年度考核结果的审定状态 (核查程序 state)', params: yearParams, response: { 200: signOffSchema, ...errorResponses } },
  }, async (req) => getSignOff(db(), requireActor(req), req.params.year));

  app.post('/api/v1/assessment/:year/sign-off/submit', {
    config: { permission: 'assessment.submit' },
    schema: { tags, summary: '市工信局提交年度考核结果报审定;提交后该年度记录锁定 (submit for approval)', params: yearParams, response: { 200: signOffSchema, ...errorResponses } },
  }, async (req) => submitAssessment(db(), requireActor(req), req.params.year));

  app.post('/api/v1/assessment/:year/sign-off/approve', {
    config: { permission: 'assessment.approve' },
    schema: { tags, summary: '考核办审定 (approve)', params: yearParams, response: { 200: signOffSchema, ...errorResponses } },
  }, async (req) => approveAssessment(db(), requireActor(req), req.params.year));

  app.post('/api/v1/assessment/:year/sign-off/return', {
    config: { permission: 'assessment.approve' },
    schema: {
      tags, summary: '考核办退回并说明理由;退回后记录解锁 (return with a reason)', params: yearParams,
      body: z.object({ reason: z.string({ error: '退回理由必填' }) }).strict(),
      response: { 200: signOffSchema, ...errorResponses },
    },
  }, async (req) => returnAssessment(db(), requireActor(req), req.params.year, req.body.reason));
}
