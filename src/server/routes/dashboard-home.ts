// Aggregates for the role homes (web/src/pages/home) where the page would otherwise need many
// requests: the assessment's month-by-month tracking of the year. Scoped like the tracking table.
import { z } from 'zod';
import { presentTracking } from '../../reports/assessment/presenters.ts';
import { assessmentTrend } from '../../use-cases/dashboard/assessment-trend.ts';
import { requireActor, type RouteApp } from '../context.ts';
import { errorResponses, plainInt } from '../schemas.ts';

const cell = z.object({ target: z.number(), actual: z.number(), rate: z.string(), behindSchedule: z.boolean(), projected: z.string().optional(), forecastStatus: z.string().optional() });
const row = z.object({ regionId: z.string(), regionName: z.string(), cells: z.record(z.string(), cell) });
const trendSchema = z.object({
  today: z.string().describe('业务日期'),
  requestedYear: z.number().describe('所请求的年度(默认业务日期所在年度)'),
  year: z.number().describe('实际显示的年度:所请求年度尚未设定目标表时,为此前最近一个已设目标的年度'),
  month: z.number().describe('截至月份:当年为业务日期所在月,往年为12'),
  source: z.enum(['database', 'built-in']),
  months: z.array(z.object({
    year: z.number(), month: z.number(), timeProgress: z.string(), rows: z.array(row.extend({ behindCount: z.number() })), cityTotal: row,
  })),
}).meta({ id: 'AssessmentTrend' });

export async function dashboardHomeRoutes(app: RouteApp) {
  app.get('/api/v1/dashboard/assessment-trend', {
    config: { permission: 'assessment.read' },
    schema: {
      tags: ['dashboard'],
      summary: '首页考核走势:当年1月至业务月份逐月的跟踪调度表(未设目标表时为最近一个已设目标的年度;县区只见本地区)',
      querystring: z.object({ year: plainInt('year 须为2000–2100的四位年度', 2000, 2100).optional() }).strict(),
      response: { 200: trendSchema, ...errorResponses },
    },
  }, async (req) => {
    const trend = await assessmentTrend(app.ctx.reports.db, requireActor(req), app.ctx.today(), req.query.year);
    return { ...trend, months: trend.months.map(presentTracking) };
  });
}
