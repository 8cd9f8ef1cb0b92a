// Enterprise imports as jobs: the workbook is uploaded and queued (202 with the job), any instance
// runs it, and the officer follows its progress or finds the report later. For files that take
// minutes (100,000 rows), and for a client that should not hold a connection open meanwhile; the
// synchronous POST /api/v1/enterprises/import stays for small files and scripts.
import { z } from 'zod';
import { uploadLimits } from '../../io/upload-limits.ts';
import { getImportJob } from '../../use-cases/enterprises/get-import-job.ts';
import { listImportJobs } from '../../use-cases/enterprises/list-import-jobs.ts';
import { startImportJob } from '../../use-cases/enterprises/start-import-job.ts';
import { requireActor, type RouteApp } from '../context.ts';
import { jobWorker } from '../job-worker.ts';
import { booleanQuery, errorResponses, plainInt } from '../schemas.ts';
import { clientSignal, uploadBody } from '../uploads.ts';
import { importReportSchema, XLSX_MIME } from './enterprises.ts';

const tags = ['enterprises'];
const count = z.number().int();
const importJobSchema = z.object({
  id: z.string(), status: z.enum(['queued', 'running', 'done', 'failed']),
  dryRun: z.boolean().describe('true:只检查,不写入'), fileName: z.string().nullable(), bytes: count,
  progress: z.object({ done: count, total: count }).describe('千分比:done / total'), attempt: count,
  error: z.object({ code: z.string(), message: z.string(), field: z.string().optional() }).nullable().describe('status=failed 时:文件无法读取或超出上传限制'),
  regionId: z.string().nullable(), createdByName: z.string(), createdAt: z.string(), startedAt: z.string().nullable(), finishedAt: z.string().nullable(),
  summary: z.object({
    dryRun: z.boolean(), committed: z.boolean(), rows: count, created: count, updated: count, unchanged: count, errorsTotal: count, changesTotal: count,
  }).nullable().optional(),
  report: importReportSchema.nullable().optional().describe('status=done 时:与同步导入相同的报告(有错误行时全部不写入)'),
}).meta({ id: 'EnterpriseImportJob' });

export async function enterpriseImportJobRoutes(app: RouteApp) {
  const db = () => app.ctx.database.db;
  const kick = jobWorker(app);
  app.addContentTypeParser(XLSX_MIME, (_req, payload, done) => done(null, payload));

  app.post('/api/v1/enterprises/import-jobs', {
    config: { permission: 'enterprises.import' },
    schema: {
      tags, summary: `导入 .xlsx 作为后台任务 (Content-Type: ${XLSX_MIME}):返回 202 与任务;进度与报告见 GET /api/v1/enterprises/import-jobs/{id} (queue an import)`,
      querystring: z.object({
        dryRun: booleanQuery.default(false),
        fileName: z.string().max(200, 'fileName 最多 200 字').optional().describe('原文件名,仅供显示'),
      }).strict(),
      response: { 202: importJobSchema, ...errorResponses },
    },
  }, async (req, reply) => {
    const limits = uploadLimits(app.ctx.config, 'import');
    const file = await uploadBody(req, reply, XLSX_MIME, limits, clientSignal(reply));
    const job = await startImportJob(db(), requireActor(req), file, { dryRun: req.query.dryRun, fileName: req.query.fileName, limits });
    kick();
    return reply.code(202).send(job);
  });

  app.get('/api/v1/enterprises/import-jobs', {
    config: { permission: 'enterprises.import' },
    schema: {
      tags, summary: '我最近的导入任务(含计数,不含错误明细) (my recent imports)',
      querystring: z.object({ limit: plainInt('limit 须为1–100的整数', 1, 100).default(20) }).strict(),
      response: { 200: z.array(importJobSchema), ...errorResponses },
    },
  }, async (req) => listImportJobs(db(), requireActor(req), req.query.limit));

  app.get('/api/v1/enterprises/import-jobs/:id', {
    config: { permission: 'enterprises.import' },
    schema: {
      tags, summary: '一个导入任务:状态、进度与报告 (one import with its report)',
      params: z.object({ id: z.string().max(64) }),
      querystring: z.object({ report: z.enum(['true', 'false']).default('true').describe('false:只看状态与进度(轮询)') }).strict(),
      response: { 200: importJobSchema, ...errorResponses },
    },
  }, async (req) => getImportJob(db(), requireActor(req), req.params.id, req.query.report === 'true'));
}
