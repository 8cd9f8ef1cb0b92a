// 免申即享 over the enterprise file: start a run (a job in the database), follow its progress, read
// its result, list one's recent runs, export the result to Excel. The run is a job: this instance's
// worker (job-worker.ts) is woken right after it is queued, and any instance may take it.
import { z } from 'zod';
import { exportFileMatch } from '../../use-cases/file-match/export-file-match.ts';
import { fileMatchParamsSchema } from '../../use-cases/file-match/file-match-params.ts';
import { getFileMatch } from '../../use-cases/file-match/get-file-match.ts';
import { listFileMatches } from '../../use-cases/file-match/list-file-matches.ts';
import { startFileMatch } from '../../use-cases/file-match/start-file-match.ts';
import { requireActor, type RouteApp } from '../context.ts';
import { jobWorker } from '../job-worker.ts';
import { errorResponses, plainInt } from '../schemas.ts';
import { XLSX_MIME } from './enterprises.ts';

const tags = ['policies'];
const fen = z.number().int().describe('金额,单位:分');
const fenOrNull = fen.nullable().describe('null:不设上限');
const parameterUse = z.object({ name: z.string(), label: z.string(), value: z.string(), from: z.string(), clause: z.string(), original: z.string().optional() });

const resultSchema = z.object({
  policy: z.object({ id: z.string(), title: z.string(), city: z.string() }),
  date: z.string(), year: z.number().int(),
  validity: z.object({ from: z.string(), to: z.string(), status: z.string(), message: z.string(), clause: z.string(), daysLeft: z.number().optional() }),
  warnings: z.array(z.string()), overrides: z.array(parameterUse),
  enterprises: z.number().int(), entitled: z.number().int(),
  measures: z.array(z.object({
    id: z.string(), title: z.string(), clause: z.string(), payer: z.string(), payerLabel: z.string(),
    eligible: z.number().int(), notEligible: z.number().int(), missing: z.number().int().describe('档案缺少该措施所需事实的企业数'),
    min: fen, max: fenOrNull,
    missingFacts: z.array(z.object({ fact: z.string(), label: z.string(), enterprises: z.number().int() })),
    scenario: z.object({ eligible: z.number().int(), min: fen, max: fenOrNull }).optional().describe('what-if 参数覆盖下'),
  })),
  total: z.object({ min: fen, max: fenOrNull }), scenarioTotal: z.object({ min: fen, max: fenOrNull }).optional(),
  byRegion: z.array(z.object({ regionId: z.string(), region: z.string(), enterprises: z.number().int(), entitled: z.number().int(), min: fen, max: fenOrNull })),
  matches: z.array(z.object({
    enterpriseId: z.string(), uscc: z.string(), name: z.string(), regionId: z.string(), region: z.string(), measureId: z.string(), clause: z.string(), min: fen, max: fenOrNull,
  })),
  matchesTruncated: z.boolean(),
}).meta({ id: 'FileMatchResult' });

const jobSchema = z.object({
  id: z.string(), status: z.enum(['queued', 'running', 'done', 'failed']), params: fileMatchParamsSchema, policyTitle: z.string(),
  progress: z.object({ done: z.number().int(), total: z.number().int() }), attempt: z.number().int(),
  error: z.object({ code: z.string(), message: z.string(), field: z.string().optional() }).nullable(),
  regionId: z.string().nullable(), createdByName: z.string(), createdAt: z.string(), startedAt: z.string().nullable(), finishedAt: z.string().nullable(),
  summary: z.object({ enterprises: z.number(), entitled: z.number(), total: z.object({ min: fen, max: fenOrNull }) }).nullable().optional(),
  result: resultSchema.nullable().optional(),
}).meta({ id: 'FileMatchJob' });

const idParams = z.object({ id: z.string().max(64) });
const policyParams = z.object({ policyId: z.string().max(64) });

export async function fileMatchRoutes(app: RouteApp) {
  const db = () => app.ctx.database.db;
  const kick = jobWorker(app);

  app.post('/api/v1/policies/:policyId/file-match', {
    config: { permission: 'policies.match_file' },
    schema: {
      tags, summary: '免申即享:对已建档企业匹配政策(排入任务,返回任务及进度) (match the enterprise file)', params: policyParams,
      body: fileMatchParamsSchema.omit({ policyId: true }), response: { 202: jobSchema, ...errorResponses },
    },
  }, async (req, reply) => {
    const job = await startFileMatch(db(), requireActor(req), { ...req.body, policyId: req.params.policyId });
    kick();
    return reply.code(202).send(job as z.infer<typeof jobSchema>);
  });

  app.get('/api/v1/file-matches', {
    config: { permission: 'policies.match_file' },
    schema: {
      tags, summary: '我最近的免申即享匹配任务 (my recent runs)',
      querystring: z.object({ limit: plainInt('limit 须为1–100的整数', 1, 100).default(20) }).strict(),
      response: { 200: z.array(jobSchema), ...errorResponses },
    },
  }, async (req) => (await listFileMatches(db(), requireActor(req), req.query.limit)) as z.infer<typeof jobSchema>[]);

  app.get('/api/v1/file-matches/:id', {
    config: { permission: 'policies.match_file' },
    schema: {
      tags, summary: '一个匹配任务:状态、进度与结果 (one run with its result)', params: idParams,
      querystring: z.object({ result: z.enum(['true', 'false']).default('true').describe('false:只看状态与进度(轮询)') }).strict(),
      response: { 200: jobSchema, ...errorResponses },
    },
  }, async (req) => (await getFileMatch(db(), requireActor(req), req.params.id, req.query.result === 'true')) as z.infer<typeof jobSchema>);

  app.get('/api/v1/file-matches/:id/export', {
    config: { permission: 'policies.match_file' },
    schema: { tags, summary: '匹配结果导出 .xlsx(汇总、名单、缺少事实、what-if 参数) (export)', params: idParams },
  }, async (req, reply) => {
    const { buffer, filename } = await exportFileMatch(db(), requireActor(req), req.params.id);
    reply.header('content-type', XLSX_MIME);
    reply.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(filename)}`);
    return reply.send(buffer);
  });
}
