// Bulk filing of counted projects from .xlsx (the layout of src/use-cases/assessment/project-columns.ts).
import { z } from 'zod';
import { uploadLimits } from '../../io/upload-limits.ts';
import { importProjects } from '../../use-cases/assessment/import-projects.ts';
import { PROJECT_COLUMNS } from '../../use-cases/assessment/project-columns.ts';
import { requireActor, type RouteApp } from '../context.ts';
import { booleanQuery, errorResponses } from '../schemas.ts';
import { clientSignal, uploadBody } from '../uploads.ts';
import { XLSX_MIME } from './enterprises.ts';

const reportSchema = z.object({
  dryRun: z.boolean(), committed: z.boolean(), rows: z.number(), created: z.number(),
  errors: z.array(z.object({ row: z.number(), column: z.string(), message: z.string() })).describe('前 1000 处错误'),
  errorsTotal: z.number().describe('错误总数(含未列出的)'), errorRows: z.number().describe('有错误的行数'),
  errorsTruncated: z.boolean().describe('错误多于列出的 1000 处'),
});

export async function assessmentProjectImportRoutes(app: RouteApp) {
  // Read in the route within ZGSZ_UPLOAD_MAX_MB, and stopped if the client goes (src/server/uploads.ts).
  app.addContentTypeParser(XLSX_MIME, (_req, payload, done) => done(null, payload));

  app.post('/api/v1/assessment/projects/import', {
    config: { permission: 'assessment.record' },
    schema: {
      tags: ['assessment'],
      summary: `批量导入计入目标的项目(.xlsx,列:${PROJECT_COLUMNS.map((c) => c.header).join('、')});任一行有误则全部不写入`,
      querystring: z.object({ dryRun: booleanQuery.default(false) }),
      response: { 200: reportSchema, 422: reportSchema, ...errorResponses },
    },
  }, async (req, reply) => {
    const actor = requireActor(req);
    const limits = uploadLimits(app.ctx.config, 'import');
    const signal = clientSignal(reply);
    const file = await uploadBody(req, reply, XLSX_MIME, limits, signal);
    const report = await importProjects(app.ctx.database.db, actor, file, { dryRun: req.query.dryRun, limits, signal });
    return reply.code(report.errors.length ? 422 : 200).send(report);
  });
}
