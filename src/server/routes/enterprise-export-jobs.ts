// Enterprise exports as jobs: the filter is queued (202 with the job), any instance writes the
// workbook into the database, and the officer follows its progress and downloads the file from
// whichever instance answers. For a file of a million enterprises, which takes minutes to write
// and would otherwise hold one request (and a balancer's timeout) open; the streamed
// GET /api/v1/enterprises/export stays for scripts and small files.
import { z } from 'zod';
import { INDUSTRIAL_CHAINS } from '../../domain/enterprise/chains.ts';
import { downloadExportJob } from '../../use-cases/enterprises/download-export-job.ts';
import { getExportJob } from '../../use-cases/enterprises/get-export-job.ts';
import { listExportJobs } from '../../use-cases/enterprises/list-export-jobs.ts';
import { startExportJob } from '../../use-cases/enterprises/start-export-job.ts';
import { requireActor, type RouteApp } from '../context.ts';
import { jobWorker } from '../job-worker.ts';
import { errorResponses, plainInt } from '../schemas.ts';
import { XLSX_MIME } from './enterprises.ts';

const tags = ['enterprises'];
const count = z.number().int();
const filterSchema = z.object({
  q: z.string().trim().max(100, '搜索词不超过100字').optional().describe('名称或统一社会信用代码中的文字'),
  regionId: z.string().max(50).optional(),
  aboveScale: z.boolean({ error: 'aboveScale 须为 true 或 false' }).optional(),
  chain: z.enum(INDUSTRIAL_CHAINS, { error: `产业链须为 ${INDUSTRIAL_CHAINS.join('、')} 之一` }).optional(),
}).strict();

const exportJobSchema = z.object({
  id: z.string(), status: z.enum(['queued', 'running', 'done', 'failed']),
  filter: filterSchema.extend({ chain: z.string().optional() }).describe('导出时的筛选条件'), fileName: z.string(),
  progress: z.object({ done: count, total: count }).describe('已写入的企业数 / 范围内的企业数'), attempt: count,
  rows: count.nullable().describe('status=done 时:导出的企业数'), bytes: count.nullable().describe('status=done 时:文件字节数'),
  expiresAt: z.string().nullable().describe('文件保留到此时(完成后 7 天),之后需重新导出'),
  error: z.object({ code: z.string(), message: z.string(), field: z.string().optional() }).nullable(),
  regionId: z.string().nullable(), createdByName: z.string(), createdAt: z.string(), startedAt: z.string().nullable(), finishedAt: z.string().nullable(),
}).meta({ id: 'EnterpriseExportJob' });

const idParams = z.object({ id: z.string().max(64) });

export async function enterpriseExportJobRoutes(app: RouteApp) {
  const db = () => app.ctx.database.db;
  const kick = jobWorker(app);

  app.post('/api/v1/enterprises/export-jobs', {
    config: { permission: 'enterprises.export' },
    schema: {
      tags, summary: '导出 .xlsx 作为后台任务:返回 202 与任务;进度见 GET /api/v1/enterprises/export-jobs/{id},完成后下载 …/file (queue an export)',
      body: filterSchema, response: { 202: exportJobSchema, ...errorResponses },
    },
  }, async (req, reply) => {
    const job = await startExportJob(db(), requireActor(req), req.body);
    kick();
    return reply.code(202).send(job);
  });

  app.get('/api/v1/enterprises/export-jobs', {
    config: { permission: 'enterprises.export' },
    schema: {
      tags, summary: '我最近的导出任务 (my recent exports)',
      querystring: z.object({ limit: plainInt('limit 须为1–100的整数', 1, 100).default(20) }).strict(),
      response: { 200: z.array(exportJobSchema), ...errorResponses },
    },
  }, async (req) => listExportJobs(db(), requireActor(req), req.query.limit));

  app.get('/api/v1/enterprises/export-jobs/:id', {
    config: { permission: 'enterprises.export' },
    schema: { tags, summary: '一个导出任务:状态与进度 (one export)', params: idParams, response: { 200: exportJobSchema, ...errorResponses } },
  }, async (req) => getExportJob(db(), requireActor(req), req.params.id));

  app.get('/api/v1/enterprises/export-jobs/:id/file', {
    config: { permission: 'enterprises.export' },
    schema: { tags, summary: '下载已完成的导出文件 .xlsx(记入审计日志) (download)', params: idParams },
  }, async (req, reply) => {
    const file = await downloadExportJob(db(), requireActor(req), req.params.id);
    reply.header('content-type', XLSX_MIME);
    reply.header('content-length', String(file.bytes));
    reply.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`);
    return reply.send(file.body);
  });
}
