// 免申即享 batch matching over an uploaded list as a job: the CSV or .xlsx is uploaded and queued
// (202 with the job), any instance runs it, and the officer follows its progress and opens the
// report — with, when overrides were given, what they change — from the job. For a province's
// list (a million rows) that no request should be held open for; the synchronous
// POST /api/v1/policies/{policyId}/batch/upload stays for small lists and scripts.
import { z } from 'zod';
import { uploadLimits } from '../../io/upload-limits.ts';
import { getBatchJob } from '../../use-cases/policy-batch/get-batch-job.ts';
import { listBatchJobs } from '../../use-cases/policy-batch/list-batch-jobs.ts';
import { checkBatchRequest, startBatchJob } from '../../use-cases/policy-batch/start-batch-job.ts';
import { requireActor, type RouteApp } from '../context.ts';
import { jobWorker } from '../job-worker.ts';
import { errorResponses, plainInt } from '../schemas.ts';
import { clientSignal, refuseUpload, uploadBody } from '../uploads.ts';
import { XLSX_MIME } from './enterprises.ts';
import { batchReport, CSV_MIME, overridesFromQuery, uploadFormat, uploadQuery, whatIfReport } from './policies.ts';

const tags = ['policies'];
const count = z.number().int();
const batchJobSchema = z.object({
  id: z.string(), status: z.enum(['queued', 'running', 'done', 'failed']),
  policyId: z.string(), date: z.string(), overrides: z.record(z.string(), z.string()).describe('参数覆盖:有覆盖时结果含 what-if'),
  matchesLimit: count.nullable(), format: z.enum(['csv', 'xlsx']), fileName: z.string().nullable(), bytes: count,
  progress: z.object({ done: count, total: count }).describe('已读取的字节 / 文件字节'), attempt: count,
  error: z.object({ code: z.string(), message: z.string(), field: z.string().optional() }).nullable().describe('status=failed 时:哪一行哪个字段有误,或超出上传限制'),
  regionId: z.string().nullable(), createdByName: z.string(), createdAt: z.string(), startedAt: z.string().nullable(), finishedAt: z.string().nullable(),
  summary: z.object({ enterprises: count, entitled: count, total: z.object({ min: count, max: count.nullable() }) }).nullable().describe('列表中:已完成任务的合计'),
  result: z.object({ report: batchReport, whatIf: whatIfReport.nullable() }).nullable().optional()
    .describe('status=done 时:按文本参数的测算报告(含匹配名单),有参数覆盖时另附 what-if'),
}).meta({ id: 'PolicyBatchJob' });

type BatchJobOut = z.infer<typeof batchJobSchema>;
/**
 * The stored report is the domain's (deeply readonly) BatchReport read back from JSON; the schema's
 * type is mutable. The response serializer validates every reply against the schema at run time,
 * so this only bridges the readonly modifiers (as policies.ts does for the synchronous batch).
 */
const out = <T>(view: T) => view as unknown as T extends unknown[] ? BatchJobOut[] : BatchJobOut;

export async function policyBatchJobRoutes(app: RouteApp) {
  const db = () => app.ctx.database.db;
  const kick = jobWorker(app);
  app.addContentTypeParser(CSV_MIME, (_req, payload, done) => done(null, payload));
  app.addContentTypeParser(XLSX_MIME, (_req, payload, done) => done(null, payload));

  app.post('/api/v1/policies/:policyId/batch-jobs', {
    config: { permission: 'policies.batch' },
    schema: {
      tags, summary: '批量测算作为后台任务:上传 CSV 或 XLSX 企业名单,返回 202 与任务;进度与报告见 GET /api/v1/policies/batch-jobs/{id} (queue a batch)',
      params: z.object({ policyId: z.string().max(64) }),
      querystring: uploadQuery.extend({ fileName: z.string().max(200, 'fileName 最多 200 字').optional().describe('原文件名,仅供显示') }).strict(),
      response: { 202: batchJobSchema, ...errorResponses },
      consumes: [CSV_MIME, XLSX_MIME],
    },
  }, async (req, reply) => {
    const actor = requireActor(req);
    const asked = { policyId: req.params.policyId, date: req.query.date, overrides: {} as Record<string, string> };
    let format: ReturnType<typeof uploadFormat>;
    try {
      // Everything but the list itself is checked before a byte of it is read.
      format = uploadFormat(req.headers['content-type']);
      asked.overrides = overridesFromQuery(req.query.override);
      checkBatchRequest(actor, asked);
    } catch (e) {
      refuseUpload(req, reply);
      throw e;
    }
    const limits = uploadLimits(app.ctx.config, format === 'xlsx' ? 'batch-xlsx' : 'batch-csv');
    const file = await uploadBody(req, reply, `${CSV_MIME} 或 ${XLSX_MIME}`, limits, clientSignal(reply));
    const job = await startBatchJob(db(), actor, file, { ...asked, matchesLimit: req.query.matchesLimit, format, fileName: req.query.fileName, limits });
    kick();
    return reply.code(202).send(out(job));
  });

  app.get('/api/v1/policies/batch-jobs', {
    config: { permission: 'policies.batch' },
    schema: {
      tags, summary: '我最近的批量测算任务(含合计,不含名单) (my recent batch runs)',
      querystring: z.object({ limit: plainInt('limit 须为1–100的整数', 1, 100).default(20) }).strict(),
      response: { 200: z.array(batchJobSchema), ...errorResponses },
    },
  }, async (req) => out(await listBatchJobs(db(), requireActor(req), req.query.limit)));

  app.get('/api/v1/policies/batch-jobs/:id', {
    config: { permission: 'policies.batch' },
    schema: {
      tags, summary: '一个批量测算任务:状态、进度与报告 (one batch run with its report)',
      params: z.object({ id: z.string().max(64) }),
      querystring: z.object({ result: z.enum(['true', 'false']).default('true').describe('false:只看状态与进度(轮询)') }).strict(),
      response: { 200: batchJobSchema, ...errorResponses },
    },
  }, async (req) => out(await getBatchJob(db(), requireActor(req), req.params.id, req.query.result === 'true')));
}
