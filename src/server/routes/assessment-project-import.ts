// Bulk filing of counted projects from .xlsx (the layout of src/use-cases/assessment/project-columns.ts).
import { z } from 'zod';
import { invalid } from '../../domain/errors.ts';
import { importProjects } from '../../use-cases/assessment/import-projects.ts';
import { PROJECT_COLUMNS } from '../../use-cases/assessment/project-columns.ts';
import { requireActor, type RouteApp } from '../context.ts';
import { booleanQuery, errorResponses } from '../schemas.ts';
import { XLSX_MIME } from './enterprises.ts';

const reportSchema = z.object({
  dryRun: z.boolean(), committed: z.boolean(), rows: z.number(), created: z.number(),
  errors: z.array(z.object({ row: z.number(), column: z.string(), message: z.string() })),
});

export async function assessmentProjectImportRoutes(app: RouteApp) {
  app.addContentTypeParser(XLSX_MIME, { parseAs: 'buffer', bodyLimit: 10 * 1024 * 1024 }, (_req, body, done) => done(null, body));

  app.post('/api/v1/assessment/projects/import', {
    config: { permission: 'assessment.record' },
    schema: {
      tags: ['assessment'],
      summary: `批量导入计入目标的项目(.xlsx,列:${PROJECT_COLUMNS.map((c) => c.header).join('、')});任一行有误则全部不写入`,
      querystring: z.object({ dryRun: booleanQuery.default(false) }),
      response: { 200: reportSchema, 422: reportSchema, ...errorResponses },
    },
  }, async (req, reply) => {
    if (!Buffer.isBuffer(req.body)) throw invalid('content-type', `请上传 .xlsx 文件,Content-Type 须为 ${XLSX_MIME}`);
    const report = await importProjects(app.ctx.database.db, requireActor(req), req.body, { dryRun: req.query.dryRun });
    return reply.code(report.errors.length ? 422 : 200).send(report);
  });
}
